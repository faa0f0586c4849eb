import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, isNvidiaComponent, podUsesGpu } from './support.js';
import { checkHostNamespaces } from './host-namespaces-check.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/host-namespaces',
    title: 'Pod shares the host network, PID or IPC namespace',
    severity: 'high',
    description:
      'Pod Security Standards baseline (Host Namespaces): `hostNetwork`, `hostPID` and `hostIPC` must be unset or false. Sharing them lets the ' +
      'pod reach node-local services, see other pods\' processes and shared memory. GPU pods are reported by k8s/gpu-host-namespaces instead.',
    remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec.',
    references: [PSS_BASELINE, NIST_190('4.4.3')],
    tags: ['kubernetes', 'pss-baseline', 'host-namespaces'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) if (!podUsesGpu(pod) && !isNvidiaComponent(pod)) checkHostNamespaces(model, ctx, pod, 'high', false);
  },
};
export default rule;
