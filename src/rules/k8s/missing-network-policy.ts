import type { Rule } from '../../core/types.js';
import type { K8sObject } from '../../parsers/k8s/k8s.js';
import { mlSitesParser, type MlSitesModel } from '../../parsers/ml-services/sites.js';
import { NIST_190 } from './support.js';
import { FactRecorder, factsOf, ignoredInline, locationOf, managedNamespaces, resolver, shortLoc, workloadsByNamespace } from './namespace-facts.js';

// Scan-wide like the GPU quota rule: ML workloads, NetworkPolicies and namespaces come from every
// manifest, and each namespace is judged once after the scan, so a policy kept in another file counts.
const SERVING_KINDS = new Set(['Notebook', 'InferenceService', 'ServingRuntime', 'RayCluster', 'RayService', 'LeaderWorkerSet']);

const rule: Rule<MlSitesModel> = {
  meta: {
    id: 'k8s/missing-network-policy',
    title: 'Serving or notebook namespace without a NetworkPolicy',
    severity: 'medium',
    description:
      'The namespace runs notebooks, model servers or Ray clusters (detected from kinds, images and command lines) but no NetworkPolicy ' +
      'in it restricts ingress. Every pod in the cluster — including a compromised notebook of another team — can reach the unauthenticated ' +
      'APIs most ML services ship with (NIST SP 800-190 §4.3.3, poorly separated inter-container traffic). Judged across the whole scan ' +
      '(Kubernetes, Calico and Cilium policies in any scanned file count; an Egress-only policy does not; a cluster-wide policy such as ' +
      'Calico GlobalNetworkPolicy or AdminNetworkPolicy anywhere in the scan silences the rule), and only for namespaces the scan manages: ' +
      'a `kind: Namespace` / Kubeflow Profile for it, or a ResourceQuota or LimitRange in it, is somewhere in the scanned files. Reported at ' +
      'the first ML workload of the namespace.',
    remediation: 'Add a default-deny ingress NetworkPolicy to the namespace and allow only the gateways and namespaces that must call the service.',
    references: [NIST_190('4.3.3'), 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
    tags: ['kubernetes', 'network-policy', 'ml-platform'],
  },
  parser: mlSitesParser,
  async check(model, ctx) {
    const k8s = model.k8s;
    if (!k8s || !k8s.objects.length) return;
    const rec = await FactRecorder.open(k8s, ctx, rule.meta.id);
    rec.recordNamespaces();
    const ml = new Set<K8sObject>();
    for (const p of k8s.pods) if (SERVING_KINDS.has(p.obj.kind)) ml.add(p.obj);
    const byKey = new Map(k8s.objects.map((o) => [`${o.kind}/${o.namespace ?? ''}/${o.name}`, o]));
    for (const s of model.sites) {
      if (s.kind !== 'k8s' || !s.analysis.services.length) continue;
      const o = byKey.get(`${String(s.properties.kind)}/${String(s.properties.namespace ?? '')}/${String(s.properties.name)}`);
      if (o) ml.add(o);
    }
    for (const o of ml) rec.facts.workloads.push({ ns: rec.ns(o), anchor: rec.anchor(o, [...o.base, 'metadata', 'name']) });
  },
  finish(ctx) {
    const facts = factsOf(ctx.state);
    if (facts.clusterPolicies.length) return;
    const resolve = resolver(facts);
    const managed = managedNamespaces(facts, resolve);
    const covered = new Set(facts.policies.map(resolve));
    for (const [ns, workloads] of [...workloadsByNamespace(facts, resolve)].sort(([a], [b]) => a.localeCompare(b))) {
      if (!managed.has(ns) || covered.has(ns) || ignoredInline(facts, ns, workloads)) continue;
      const first = workloads[0];
      const others = workloads.length > 1 ? ` and ${workloads.length - 1} more` : '';
      const declared = facts.declared.find((d) => d.name === ns);
      ctx.report(locationOf(first), {
        message: `Namespace ${ns} runs ML services or notebooks (${first.label}${others}) but no NetworkPolicy in the scanned files restricts ingress to it`,
        key: `netpol/${ns}`,
        evidence: `namespace: ${ns}`,
        properties: {
          ...first.properties, namespace: ns,
          mlWorkloads: workloads.slice(0, 20).map((w) => `${w.label} @ ${shortLoc(w)}`),
          ...(declared ? { declaredAt: shortLoc(declared.anchor) } : {}),
        },
      });
    }
  },
};
export default rule;
