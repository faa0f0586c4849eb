import type { Rule } from '../../core/types.js';
import { mlSitesParser, selectorMatches, type MlSitesModel } from '../../parsers/ml-services/sites.js';
import { ATLAS, NIST_190 } from './support.js';
import { serviceById } from '../../knowledge/ml-services/catalog.js';
import { servicesMissingAuth } from './site-rules.js';
import { FactRecorder, factsOf, locationOf, resolver, shortLoc, type Anchor, type NsRef } from '../k8s/namespace-facts.js';

// Same-file exposure is judged in check (the site's exposures). Services and Ingresses in other files
// are joined scan-wide: check records every Kubernetes ML site and every Service / Ingress backend,
// finish joins them by resolved namespace, selector and target port and reports at the Service /
// Ingress line in its own file. Joins entirely within one file are left to check (no double report).
interface SiteRec { ns: NsRef; entry: string; labels: Record<string, string>; ports: Set<string>; portNames: Record<string, string>; label: string; key: string; names: string; services: string[]; open: boolean; properties: Record<string, unknown>; at: string }
interface SvcRec { ns: NsRef; entry: string; name: string; selector: unknown; targetPorts: string[]; ports: string[]; external?: Anchor & { via: string } }
interface IngRec { ns: NsRef; entry: string; service: string; via: (svc: string) => string; anchor: Anchor }
interface Exposed { sites: SiteRec[]; services: SvcRec[]; ingresses: IngRec[] }

function exposedOf(state: Map<string, unknown>): Exposed {
  let e = state.get('exposed') as Exposed | undefined;
  if (!e) state.set('exposed', (e = { sites: [], services: [], ingresses: [] }));
  return e;
}

const rule: Rule<MlSitesModel> = {
  meta: {
    id: 'platform/ml-api-exposed',
    title: 'ML service reachable from outside the cluster / host',
    severity: 'critical',
    description:
      'A Service of type LoadBalancer/NodePort, an Ingress, `externalIPs`, a KubeRay head `serviceType`, the KServe ingress gateway, ' +
      'hostNetwork/hostPort, or a compose port published on all interfaces makes an ML service reachable from outside: Ray dashboard / ' +
      'Jobs API / client port, Jupyter, MLflow, TorchServe management, Triton, vLLM, Ollama, TF Serving, Gradio, Kubeflow UIs, DCGM exporter. ' +
      'The service is joined to the workload by selector and port, within the file and across every scanned file (reported at the Service / Ingress). Critical when the service has no authentication ' +
      'of its own or it is not configured (hostNetwork / hostPort count as outside, like a NodePort); high through the KServe gateway; medium when the service is configured with ' +
      'authentication (exposure still widens the attack surface of its pre-auth endpoints).',
    remediation:
      'Keep ML services on ClusterIP and reach them through `kubectl port-forward`, a VPN, or an authenticating gateway (oauth2-proxy, Istio ' +
      'AuthorizationPolicy); in compose publish as `127.0.0.1:PORT:PORT`. Label InferenceServices `networking.kserve.io/visibility: cluster-local` ' +
      'unless they must be public.',
    references: [NIST_190('4.3.3'), 'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types', 'https://docs.docker.com/reference/compose-file/services/#ports', 'https://nvd.nist.gov/vuln/detail/CVE-2023-48022', ATLAS('AML.T0049')],
    tags: ['ml-platform', 'exposure', 'kubernetes', 'compose'],
  },
  parser: mlSitesParser,
  async check(model, ctx) {
    await recordForJoins(model, ctx);
    for (const site of model.sites) {
      const services = site.analysis.services;
      if (!services.length) continue;
      let missingAuth: ReadonlySet<string> | undefined;
      for (const e of site.exposures) {
        if (!e.reportable || (e.level !== 'external' && e.level !== 'gateway' && e.level !== 'host')) continue;
        // Authentication is missing when the service has none, or an auth issue was found for it.
        missingAuth ??= servicesMissingAuth(site.analysis, site.kind);
        const open = services.filter((s) => s.auth === 'none' || missingAuth!.has(s.id));
        const names = services.map((s) => s.name).join(', ');
        const severity = open.length ? (e.level === 'gateway' ? 'high' : 'critical') : 'medium';
        ctx.report({
          message: `${site.label}: ${names} is reachable via ${e.via}${open.length ? ' without authentication' : authState(services.map((x) => x.id))}`,
          location: { line: e.line },
          key: `${site.key}/${e.via}`,
          evidence: e.via,
          severity,
          properties: { ...site.properties, services: services.map((s) => s.id), exposure: e.level, ...(e.ports ? { ports: e.ports } : {}), authenticated: open.length === 0 },
        });
      }
    }
  },
  finish(ctx) {
    const ex = exposedOf(ctx.state);
    if (!ex.sites.length || (!ex.services.length && !ex.ingresses.length)) return;
    const resolve = resolver(factsOf(ctx.state));
    // Services indexed by namespace + one selector pair: a site only meets Services that can select it.
    const servicesBy = new Map<string, SvcRec[]>();
    const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const s of ex.services) {
      const first = s.selector && typeof s.selector === 'object' && !Array.isArray(s.selector) ? Object.entries(s.selector as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))[0] : undefined;
      if (first) push(servicesBy, `${resolve(s.ns)}\0${first[0]}=${String(first[1])}`, s);
    }
    const ingressByService = new Map<string, IngRec[]>();
    for (const i of ex.ingresses) push(ingressByService, `${resolve(i.ns)}/${i.service}`, i);
    const done = new Set<string>();
    // Scan order is concurrent: sort so findings come out in a stable order.
    for (const site of [...ex.sites].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key))) {
      const ns = resolve(site.ns);
      const candidates = [...new Set(Object.entries(site.labels).flatMap(([k, v]) => servicesBy.get(`${ns}\0${k}=${v}`) ?? []))];
      candidates.sort((a, b) => a.entry.localeCompare(b.entry) || a.name.localeCompare(b.name));
      for (const svc of candidates) {
        if (!selectorMatches(svc.selector, site.labels) || !svc.targetPorts.some((t) => site.ports.has(site.portNames[t] ?? t))) continue;
        const hits: Array<{ anchor: Anchor; via: string }> = [];
        if (svc.external && svc.entry !== site.entry) hits.push({ anchor: svc.external, via: svc.external.via });
        for (const ing of ingressByService.get(`${ns}/${svc.name}`) ?? []) {
          if (svc.entry === site.entry && ing.entry === site.entry) continue;
          hits.push({ anchor: ing.anchor, via: ing.via(svc.name) });
        }
        for (const h of hits) {
          const id = `${site.key}\0${h.via}\0${shortLoc(h.anchor)}`;
          if (done.has(id) || h.anchor.ignored) continue;
          done.add(id);
          ctx.report(locationOf(h.anchor), {
            message: `${site.label} (${site.at}): ${site.names} is reachable via ${h.via}${site.open ? ' without authentication' : authState(site.services)}`,
            key: `${site.key}/${h.via}`,
            evidence: h.via,
            severity: site.open ? 'critical' : 'medium',
            properties: { ...site.properties, services: site.services, exposure: 'external', ports: svc.ports, authenticated: !site.open, workloadAt: site.at, ...(h.anchor.properties.provenance ? { provenance: h.anchor.properties.provenance } : {}) },
          });
        }
      }
    }
  },
};

/** The note for a service that is not known to be open: authentication configured, or where it would be when a deployment cannot show it. */
function authState(ids: string[]): string {
  const notes = ids.map((id) => serviceById(id)?.authNote).filter((n): n is string => n !== undefined);
  return notes.length ? ` (${notes.join('; ')})` : ' (authentication configured)';
}

/** Records this stream's Kubernetes ML sites, Services and Ingress backends (and Kustomize namespaces) for finish. */
async function recordForJoins(model: MlSitesModel, ctx: Parameters<NonNullable<Rule<MlSitesModel>['check']>>[1]): Promise<void> {
  const k8s = model.k8s;
  if (!k8s) return;
  const rec = await FactRecorder.open(k8s, ctx, rule.meta.id);
  rec.recordNamespaces(); // also a kustomization.yaml's `namespace:` (a file without objects)
  if (!k8s.objects.length) return;
  const ex = exposedOf(ctx.state);
  const entry = `${ctx.entry.path}${ctx.entry.innerPath ? `!${ctx.entry.innerPath}` : ''}`;
  for (const site of model.sites) {
    if (!site.join || !site.analysis.services.length) continue;
    const services = site.analysis.services;
    const missingAuth = servicesMissingAuth(site.analysis, site.kind);
    const open = services.some((s) => s.auth === 'none' || missingAuth.has(s.id));
    ex.sites.push({
      ns: rec.ns(site.join.obj), entry, labels: site.join.labels, ports: new Set(site.join.ports), portNames: site.join.portNames,
      label: site.label, key: site.key, names: services.map((s) => s.name).join(', '), services: services.map((s) => s.id), open,
      properties: site.properties, at: `${entry}:${site.join.line}`,
    });
  }
  for (const s of model.services) {
    ex.services.push({
      ns: rec.ns(s.obj), entry, name: s.name, selector: s.selector, targetPorts: s.targetPorts, ports: s.ports,
      ...(s.external ? { external: { ...rec.anchorAt(s.obj, s.external.line), via: s.external.via } } : {}),
    });
  }
  for (const b of model.ingressBackends) {
    ex.ingresses.push({ ns: rec.ns(b.obj), entry, service: b.service, anchor: rec.anchorAt(b.obj, b.line), via: (svc) => `${b.kind} ${b.ingress} → Service ${svc}${b.tls ? '' : ' (no TLS)'}` });
  }
}
export default rule;
