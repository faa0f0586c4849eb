import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel, type PodRef } from '../../parsers/k8s/k8s.js';
import { ATLAS, NIST_190, isNvidiaComponent, podUsesGpu } from './support.js';
import { FactRecorder, factsOf, ignoredInline, locationOf, managedNamespaces, resolver, shortLoc, workloadsByNamespace } from './namespace-facts.js';
import type { Path } from '../../parsers/k8s/k8s.js';

// Scan-wide: GPU workloads, quotas and namespaces are collected from every manifest (check), and each
// namespace is judged once after the whole scan (finish), so a ResourceQuota kept in another file of
// a Helm/Kustomize tree counts. Only namespaces the scan manages are judged (namespace-facts.ts).

/** Where the pod asks for GPUs: the first GPU resource key, else the Ray group's num-gpus. */
function gpuPath(p: PodRef): Path {
  for (const c of p.containers) {
    const key = c.gpuLimits[0] ?? c.gpuRequests[0];
    if (key) return [...c.resourcesPath, c.gpuLimits.length ? 'limits' : 'requests', key];
  }
  return [...p.ownerPath, 'rayStartParams', 'num-gpus'];
}

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/gpu-namespace-without-quota',
    title: 'Namespace runs GPU workloads without a GPU ResourceQuota',
    severity: 'medium',
    description:
      'Pods in this namespace request GPUs, but no ResourceQuota in the namespace limits `requests.nvidia.com/gpu` (or the other GPU ' +
      'resources). Anyone who can create pods there can take every GPU of the cluster — the runaway-spend and cryptojacking pattern seen ' +
      'in compromised ML clusters (MITRE ATLAS AML.T0034 Cost Harvesting). Judged across the whole scan (quotas in other files count; ' +
      'a Kubeflow Profile `resourceQuotaSpec` or a Kueue LocalQueue counts as a quota), and only for namespaces the scan manages: a ' +
      '`kind: Namespace` / Profile for it, or a ResourceQuota, LimitRange or NetworkPolicy in it, is somewhere in the scanned files. ' +
      'Reported at the first GPU workload of the namespace.',
    remediation: 'Add a ResourceQuota with `hard: {requests.nvidia.com/gpu: "<n>"}` (and MIG profiles you expose) to every namespace that runs GPU pods.',
    references: ['https://kubernetes.io/docs/concepts/policy/resource-quotas/#resource-quota-for-extended-resources', NIST_190('4.3.1'), ATLAS('AML.T0034')],
    tags: ['kubernetes', 'gpu', 'quota', 'multi-tenancy'],
  },
  parser: k8sParser,
  async check(model, ctx) {
    if (!model.objects.length) return;
    const rec = await FactRecorder.open(model, ctx, rule.meta.id);
    rec.recordNamespaces();
    const seen = new Set<unknown>();
    for (const p of model.pods) {
      if (seen.has(p.obj) || !podUsesGpu(p) || isNvidiaComponent(p)) continue;
      seen.add(p.obj);
      rec.facts.workloads.push({ ns: rec.ns(p.obj), anchor: rec.anchor(p.obj, gpuPath(p)) });
    }
  },
  finish(ctx) {
    const facts = factsOf(ctx.state);
    const resolve = resolver(facts);
    const managed = managedNamespaces(facts, resolve);
    for (const [ns, workloads] of [...workloadsByNamespace(facts, resolve)].sort(([a], [b]) => a.localeCompare(b))) {
      if (!managed.has(ns)) continue;
      const quotas = facts.quotas.filter((q) => resolve(q.ns) === ns);
      if (quotas.some((q) => q.gpu)) continue;
      if (ignoredInline(facts, ns, workloads)) continue;
      const first = workloads[0];
      const others = workloads.length > 1 ? ` and ${workloads.length - 1} more` : '';
      const partial = quotas.length ? `; its quotas (${quotas.map((q) => `${q.kind} ${q.name} at ${q.at}`).join(', ')}) do not limit GPU resources` : '';
      const declared = facts.declared.find((d) => d.name === ns);
      ctx.report(locationOf(first), {
        message: `Namespace ${ns} runs GPU workloads (${first.label}${others}) but no ResourceQuota in the scanned files limits GPUs${partial}`,
        key: `gpu-quota/${ns}`,
        evidence: `namespace: ${ns}`,
        properties: {
          ...first.properties, namespace: ns,
          gpuWorkloads: workloads.slice(0, 20).map((w) => `${w.label} @ ${shortLoc(w)}`),
          ...(declared ? { declaredAt: shortLoc(declared.anchor) } : {}),
          quotasWithoutGpu: quotas.map((q) => `${q.kind} ${q.name} @ ${q.at}`),
        },
      });
    }
  },
};
export default rule;
