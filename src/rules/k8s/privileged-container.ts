import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, containerKey, containerSec, isNvidiaComponent, isTrue, podUsesGpu, reportAt, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/privileged-container',
    title: 'Privileged container',
    severity: 'high',
    description:
      'Pod Security Standards baseline (Privileged Containers): a privileged container has all capabilities and every host device, and can ' +
      'escape to the node (NIST SP 800-190 §4.4.3). GPU workloads are reported by k8s/gpu-privileged-container (critical) instead, and ' +
      'recognised NVIDIA GPU Operator components are not reported.',
    remediation: 'Remove `securityContext.privileged: true`; add only the specific capability the workload needs, if any.',
    references: [PSS_BASELINE, NIST_190('4.4.3')],
    tags: ['kubernetes', 'pss-baseline', 'privileged'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (podUsesGpu(pod) || isNvidiaComponent(pod)) continue;
      for (const c of pod.containers) {
        const p = containerSec(c, 'privileged');
        if (p && isTrue(p.value)) reportAt(model, ctx, pod.obj, p.path, { message: `${where(c)} is privileged`, key: `${containerKey(c)}/privileged`, evidence: 'privileged: true' });
      }
    }
  },
};
export default rule;
