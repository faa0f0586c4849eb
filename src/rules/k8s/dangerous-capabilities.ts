import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, capsAdded, containerKey, isNvidiaComponent, podUsesGpu, reportAt, where } from './support.js';

/** Pod Security Standards baseline: the only capabilities that may be added. */
const BASELINE_ALLOWED = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
/** Added for FUSE dataset mounts, RDMA/InfiniBand or profiling; each is a step to the node. */
const HIGH = new Set(['SYS_ADMIN', 'ALL', 'SYS_PTRACE', 'SYS_MODULE', 'NET_ADMIN', 'BPF', 'PERFMON', 'DAC_READ_SEARCH', 'SYS_RAWIO']);

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/dangerous-capabilities',
    title: 'Container adds capabilities beyond the baseline set',
    severity: 'medium',
    description:
      'Pod Security Standards baseline (Capabilities) allows adding only a short list of capabilities. ML pods add `SYS_ADMIN` (FUSE dataset ' +
      'mounts), `IPC_LOCK`/`SYS_RESOURCE`/`NET_ADMIN` (RDMA, InfiniBand) or `SYS_PTRACE`/`PERFMON` (profilers); SYS_ADMIN, SYS_PTRACE, ' +
      'SYS_MODULE, NET_ADMIN and BPF are reported as high. SYS_ADMIN on GPU pods is reported by k8s/gpu-privileged-container.',
    remediation: 'Drop the capability; for RDMA use the RDMA shared device plugin, for datasets a CSI driver instead of in-pod FUSE.',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    tags: ['kubernetes', 'pss-baseline', 'capabilities'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      const gpu = podUsesGpu(pod);
      for (const c of pod.containers) {
        for (const cap of capsAdded(c)) {
          if (BASELINE_ALLOWED.has(cap.cap)) continue;
          if (gpu && (cap.cap === 'SYS_ADMIN' || cap.cap === 'ALL')) continue;
          reportAt(model, ctx, pod.obj, cap.path, { message: `${where(c)} adds capability ${cap.cap}`, key: `${containerKey(c)}/cap/${cap.cap}`, evidence: `capabilities.add: ${cap.cap}`, severity: HIGH.has(cap.cap) ? 'high' : 'medium' });
        }
      }
    }
  },
};
export default rule;
