// Scan-wide exposure join for the platform rules whose severity follows exposure. During check each
// manifest stream records its Services (type, selector, target ports) and the routes into the cluster
// (Ingress backends, OpenShift Routes, Gateway API HTTPRoute / GRPCRoute backendRefs), plus the
// Kustomize `namespace:` facts; the Kubernetes ML sites to judge are recorded with their pod labels
// and ports. Once every file was read, `joiner()` returns, for a site, the exposures that come from
// other files: a Service of type LoadBalancer / NodePort / externalIPs selecting the pod on one of its
// ports (`external`), an Ingress / Route / HTTPRoute anywhere routing to such a Service (`external`), or a ClusterIP
// Service only (`cluster`). Same-file joins are already in the site's own exposures (sites.ts).
import type { RuleContext } from '../../core/types.js';
import { selectorMatches, type Exposure, type MlSitesModel, type Site } from '../../parsers/ml-services/sites.js';
import { isObj, str } from '../../parsers/k8s/k8s.js';
import { FactRecorder, factsOf, resolver, type NsRef } from '../k8s/namespace-facts.js';

/** A Kubernetes ML site, as the join needs it. */
export interface JoinSite {
  ns: NsRef;
  entry: string;
  labels: Record<string, string>;
  ports: Set<string>;
  portNames: Record<string, string>;
  /** `file:line` of the container, for stable ordering. */
  at: string;
}

interface SvcRec {
  ns: NsRef;
  entry: string;
  name: string;
  selector: Record<string, string>;
  targetPorts: string[];
  external?: string;
}

interface IngRec {
  ns: NsRef;
  entry: string;
  service: string;
  kind: string;
  ingress: string;
  tls: boolean;
}

export interface StreamRecorder {
  site(site: Site): JoinSite;
}

function entryName(ctx: RuleContext): string {
  return `${ctx.entry.path}${ctx.entry.innerPath ? `!${ctx.entry.innerPath}` : ''}`;
}

/** The scan's one exposure index, shared by every rule that joins (ctx.shared). */
export function sharedExposureIndex(shared: Map<string, unknown>): ExposureIndex {
  let ix = shared.get('platform/exposure-index') as ExposureIndex | undefined;
  if (!ix) shared.set('platform/exposure-index', (ix = new ExposureIndex()));
  return ix;
}

export class ExposureIndex {
  private readonly services: SvcRec[] = [];
  private readonly ingresses: IngRec[] = [];
  /** Namespace facts (declared namespaces, Kustomize) of the recorded streams. */
  private readonly factState = new Map<string, unknown>();
  /** Entries already recorded: every joining rule sees each stream, the index takes it once. */
  private readonly recorded = new Set<string>();
  private join: ((site: JoinSite) => Exposure[]) | undefined;

  /** Records one stream's Services, Ingress backends and namespaces; undefined when it holds no Kubernetes objects. */
  async record(model: MlSitesModel, ctx: RuleContext, ruleId: string): Promise<StreamRecorder | undefined> {
    const k8s = model.k8s;
    if (!k8s) return undefined;
    const rec = await FactRecorder.open(k8s, ctx, ruleId, this.factState);
    const entry = entryName(ctx);
    const first = !this.recorded.has(entry);
    this.recorded.add(entry);
    if (first) rec.recordNamespaces(); // also a kustomization.yaml's `namespace:` (a file without objects)
    if (!k8s.objects.length) return undefined;
    if (first) this.recordRoutes(model, rec, entry);
    return {
      site: (site) => {
        const j = site.join!;
        return { ns: rec.ns(j.obj), entry, labels: j.labels, ports: new Set(j.ports), portNames: j.portNames, at: `${entry}:${String(j.line).padStart(8, '0')}` };
      },
    };
  }

  private recordRoutes(model: MlSitesModel, rec: FactRecorder, entry: string): void {
    for (const s of model.services) {
      if (!isObj(s.selector)) continue; // A Service without a selector (manual Endpoints) selects no pod.
      const selector = Object.fromEntries(Object.entries(s.selector).map(([k, v]) => [k, str(v) ?? '']));
      this.services.push({ ns: rec.ns(s.obj), entry, name: s.name, selector, targetPorts: s.targetPorts, ...(s.external ? { external: s.external.via } : {}) });
    }
    for (const b of model.ingressBackends) this.ingresses.push({ ns: rec.ns(b.obj), entry, service: b.service, kind: b.kind, ingress: b.ingress, tls: b.tls });
  }

  /** Call in finish: a function giving the exposures other files add to a site (built once per scan). */
  joiner(): (site: JoinSite) => Exposure[] {
    return (this.join ??= this.buildJoiner());
  }

  private buildJoiner(): (site: JoinSite) => Exposure[] {
    const resolve = resolver(factsOf(this.factState));
    // Services indexed by namespace + their first selector pair: a site only meets Services that can select it.
    const servicesBy = new Map<string, SvcRec[]>();
    const ingressesBy = new Map<string, IngRec[]>();
    const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const s of this.services) {
      const first = Object.keys(s.selector).sort()[0];
      if (first !== undefined) push(servicesBy, `${resolve(s.ns)}\0${first}=${s.selector[first]}`, s);
    }
    for (const i of this.ingresses) push(ingressesBy, `${resolve(i.ns)}\0${i.service}`, i);
    return (site) => {
      const ns = resolve(site.ns);
      const out: Exposure[] = [];
      const seen = new Set<SvcRec>();
      for (const [k, v] of Object.entries(site.labels)) {
        for (const svc of servicesBy.get(`${ns}\0${k}=${v}`) ?? []) {
          if (seen.has(svc)) continue;
          seen.add(svc);
          if (!selectorMatches(svc.selector, site.labels) || !svc.targetPorts.some((t) => site.ports.has(site.portNames[t] ?? t))) continue;
          const other = svc.entry !== site.entry;
          if (svc.external && other) out.push({ level: 'external', via: `${svc.external} in ${svc.entry}`, line: 0, reportable: false });
          else if (other) out.push({ level: 'cluster', via: `Service ${svc.name} (ClusterIP) in ${svc.entry}`, line: 0, reportable: false });
          for (const ing of ingressesBy.get(`${ns}\0${svc.name}`) ?? []) {
            if (!other && ing.entry === site.entry) continue; // joined within the file already
            out.push({ level: 'external', via: `${ing.kind} ${ing.ingress} → Service ${svc.name}${ing.tls ? '' : ' (no TLS)'} in ${ing.entry}`, line: 0, reportable: false });
          }
        }
      }
      return out;
    };
  }
}
