import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, isNvidiaComponent, podUsesGpu } from './support.js';
import { checkHostNamespaces } from './host-namespaces-check.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/gpu-host-namespaces',
    title: 'GPU pod shares the host network, PID or IPC namespace',
    severity: 'high',
    description:
      'A GPU workload sets `hostNetwork`, `hostPID` or `hostIPC` — usually for NCCL/RDMA performance or `nvidia-smi` process visibility. On ' +
      'shared GPU nodes that exposes other tenants\' processes, shared-memory segments and node-local services (kubelet, DCGM, metadata). ' +
      'Pod Security Standards baseline (Host Namespaces). NVIDIA GPU Operator components are recognised and not reported.',
    remediation:
      'Drop the host namespaces; for NCCL use pod networking or a secondary network (Multus + SR-IOV/RDMA device plugin) and a size-limited ' +
      '`emptyDir: {medium: Memory}` at /dev/shm instead of hostIPC.',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/security.html'],
    tags: ['kubernetes', 'gpu', 'pss-baseline', 'host-namespaces'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) if (podUsesGpu(pod) && !isNvidiaComponent(pod)) checkHostNamespaces(model, ctx, pod, 'high', true);
  },
};
export default rule;
