import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { gpuHostPath } from '../../parsers/k8s/gpu.js';
import { NIST_190, PSS_BASELINE, isNvidiaComponent, reportAt, where } from './support.js';
import { hostPathVolumes } from './volumes.js';

/** Host paths that give control of the node (container runtime sockets, root, kubelet state). */
const CRITICAL = ['/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/crio/crio.sock', '/var/lib/kubelet', '/etc/kubernetes', '/'];

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/host-path-volume',
    title: 'hostPath volume',
    severity: 'medium',
    description:
      'Pod Security Standards baseline (HostPath Volumes) forbids hostPath. ML pods often mount the node\'s Hugging Face cache or dataset ' +
      'directories: a writable mount lets one workload poison models another loads, and runtime sockets (`docker.sock`, `containerd.sock`) ' +
      'or the root filesystem hand over the node (critical). GPU device and driver paths are reported by k8s/gpu-host-device-mount.',
    remediation: 'Use PersistentVolumeClaims (ReadOnlyMany for shared model caches) instead of hostPath; never mount container runtime sockets.',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
    tags: ['kubernetes', 'pss-baseline', 'hostpath'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      for (const v of hostPathVolumes(pod)) {
        if (gpuHostPath(v.hostPath)) continue;
        const critical = CRITICAL.includes(v.hostPath);
        reportAt(model, ctx, pod.obj, v.path, {
          message: `${where(pod)} mounts host path ${v.hostPath}${v.writable ? ' writable' : ' read-only'}${critical ? ': this gives control of the node' : ''}`,
          key: `${pod.role}/hostPath/${v.hostPath}`, evidence: `hostPath: ${v.hostPath}`,
          severity: critical ? 'critical' : v.writable ? 'high' : 'medium',
        });
      }
    }
  },
};
export default rule;
