import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { containerKey, reportAt, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/gpu-request-without-limit',
    title: 'GPU requested without a limit',
    severity: 'medium',
    description:
      'The container lists a GPU extended resource (`nvidia.com/gpu`, MIG profiles, `amd.com/gpu`) under `resources.requests` but not under ' +
      '`resources.limits`. Extended resources cannot be overcommitted: Kubernetes only allocates them from `limits` (requests must equal limits), ' +
      'so the pod is rejected, or — with operators and CRDs that copy fields loosely — scheduled without any device allocation and then ' +
      'tempted into `NVIDIA_VISIBLE_DEVICES` workarounds. Quotas on `limits.nvidia.com/gpu` do not count it.',
    remediation: 'Put the GPU count under `resources.limits` (a request, if given, must be equal).',
    references: ['https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/', 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources'],
    tags: ['kubernetes', 'gpu', 'resources'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const c of model.containers) {
      for (const r of c.gpuRequests) {
        if (c.gpuLimits.includes(r)) continue;
        reportAt(model, ctx, c.pod.obj, [...c.resourcesPath, 'requests', r], {
          message: `${where(c)} requests ${r} but has no ${r} limit`, key: `${containerKey(c)}/${r}`, evidence: `requests.${r}`,
        });
      }
    }
  },
};
export default rule;
