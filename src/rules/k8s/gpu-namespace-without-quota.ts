import type { Rule } from '../../core/types.js';
import { isObj, k8sParser, type K8sModel, type K8sObject } from '../../parsers/k8s/k8s.js';
import { isGpuResource } from '../../parsers/k8s/gpu.js';
import { ATLAS, NIST_190, isNvidiaComponent, podUsesGpu, reportAt } from './support.js';

// Cross-document, within one scanned stream (a file, a `helm template` or `kustomize build` output):
// findings across separate files would need a scan-wide model the engine does not have yet. To stay
// quiet on repositories that keep quotas in another file, the rule only speaks when this stream is
// where the namespace is defined (it has the Namespace object) or already has ResourceQuotas for it.
function quotaCoversGpu(q: K8sObject): boolean {
  const hard = (q.value.spec as { hard?: unknown } | undefined)?.hard;
  return isObj(hard) && Object.keys(hard).some((k) => isGpuResource(k.replace(/^(requests|limits)\./, '')));
}

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/gpu-namespace-without-quota',
    title: 'Namespace runs GPU workloads without a GPU ResourceQuota',
    severity: 'medium',
    description:
      'Pods in this namespace request GPUs, but no ResourceQuota in the namespace limits `requests.nvidia.com/gpu` (or the other GPU ' +
      'resources). Anyone who can create pods there can take every GPU of the cluster — the runaway-spend and cryptojacking pattern seen ' +
      'in compromised ML clusters (MITRE ATLAS AML.T0034 Cost Harvesting). Checked within one scanned file/stream: the rule reports when the ' +
      'stream defines the Namespace or has quotas for it that omit GPUs.',
    remediation: 'Add a ResourceQuota with `hard: {requests.nvidia.com/gpu: "<n>"}` (and MIG profiles you expose) to every namespace that runs GPU pods.',
    references: ['https://kubernetes.io/docs/concepts/policy/resource-quotas/#resource-quota-for-extended-resources', NIST_190('4.3.1'), ATLAS('AML.T0034')],
    tags: ['kubernetes', 'gpu', 'quota', 'multi-tenancy'],
  },
  parser: k8sParser,
  check(model, ctx) {
    const gpuNamespaces = new Set<string>();
    for (const p of model.pods) if (podUsesGpu(p) && !isNvidiaComponent(p)) gpuNamespaces.add(p.obj.namespace ?? 'default');
    const quotas = model.ofKind('ResourceQuota');
    for (const ns of gpuNamespaces) {
      const nsQuotas = quotas.filter((q) => (q.namespace ?? 'default') === ns);
      if (nsQuotas.some(quotaCoversGpu)) continue;
      const nsObj = model.ofKind('Namespace').find((n) => n.name === ns);
      const anchor = nsObj ?? nsQuotas[0];
      if (!anchor) continue;
      reportAt(model, ctx, anchor, [...anchor.base, 'metadata', 'name'], {
        message: nsObj
          ? `Namespace ${ns} runs GPU workloads but has no ResourceQuota on GPUs in this manifest set`
          : `ResourceQuota ${anchor.name} for namespace ${ns} does not limit GPUs, though the namespace runs GPU workloads`,
        key: `gpu-quota/${ns}`, evidence: `namespace: ${ns}`,
      });
    }
  },
};
export default rule;
