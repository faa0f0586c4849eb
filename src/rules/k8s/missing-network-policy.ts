import type { Rule } from '../../core/types.js';
import { getAt } from '../../parsers/k8s/k8s.js';
import { mlSitesParser, type MlSitesModel } from '../../analysis/ml-services/sites.js';
import { NIST_190, reportAt } from './support.js';

// Within one scanned stream, like the GPU quota rule: only namespaces this stream defines are judged,
// so a NetworkPolicy kept in another file of the repository does not cause a false positive here.
const SERVING_KINDS = new Set(['Notebook', 'InferenceService', 'ServingRuntime', 'RayCluster', 'RayService', 'LeaderWorkerSet']);

const rule: Rule<MlSitesModel> = {
  meta: {
    id: 'k8s/missing-network-policy',
    title: 'Serving or notebook namespace without a NetworkPolicy',
    severity: 'medium',
    description:
      'The namespace runs notebooks, model servers or Ray clusters (detected from kinds, images and command lines) but no NetworkPolicy ' +
      'in it restricts ingress. Every pod in the cluster — including a compromised notebook of another team — can reach the unauthenticated ' +
      'APIs most ML services ship with (NIST SP 800-190 §4.3.3, poorly separated inter-container traffic). Judged for namespaces defined ' +
      '(kind: Namespace) in the same file or rendered stream.',
    remediation: 'Add a default-deny ingress NetworkPolicy to the namespace and allow only the gateways and namespaces that must call the service.',
    references: [NIST_190('4.3.3'), 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
    tags: ['kubernetes', 'network-policy', 'ml-platform'],
  },
  parser: mlSitesParser,
  check(model, ctx) {
    const k8s = model.k8s;
    if (!k8s) return;
    const ml = new Set<string>();
    for (const p of k8s.pods) if (SERVING_KINDS.has(p.obj.kind)) ml.add(p.obj.namespace ?? 'default');
    for (const s of model.sites) if (s.kind === 'k8s' && s.analysis.services.length) ml.add(String(s.properties.namespace ?? 'default'));
    const policies = k8s.ofKind('NetworkPolicy');
    for (const ns of k8s.ofKind('Namespace')) {
      if (!ml.has(ns.name)) continue;
      const covered = policies.some((p) => (p.namespace ?? 'default') === ns.name && getAt(p.value, ['spec', 'podSelector']) !== undefined);
      if (covered) continue;
      reportAt(k8s, ctx, ns, [...ns.base, 'metadata', 'name'], { message: `Namespace ${ns.name} runs ML services or notebooks but has no NetworkPolicy in this manifest set`, key: `netpol/${ns.name}`, evidence: `namespace: ${ns.name}` });
    }
  },
};
export default rule;
