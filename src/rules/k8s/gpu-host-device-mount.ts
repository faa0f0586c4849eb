import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { gpuHostPath } from '../../parsers/k8s/gpu.js';
import { NIST_190, PSS_BASELINE, isNvidiaComponent, reportAt, where } from './support.js';
import { hostPathVolumes } from './volumes.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/gpu-host-device-mount',
    title: 'hostPath mount of GPU devices or the NVIDIA driver',
    severity: 'high',
    description:
      'The pod mounts GPU device nodes (`/dev/nvidia*`, `/dev/dri`, `/dev/infiniband`), the NVIDIA driver libraries or runtime directories ' +
      '(`libnvidia*`, `/run/nvidia`, `/usr/local/nvidia`) from the host. That hands the container GPUs the device plugin never allocated to it ' +
      '(and, writable, lets it replace the driver libraries every other GPU container on the node loads). NIST SP 800-190 §4.4.3; ' +
      'Pod Security Standards baseline forbids hostPath volumes. NVIDIA GPU Operator components are recognised and not reported.',
    remediation:
      'Remove the hostPath volume and request GPUs through `resources.limits["nvidia.com/gpu"]`; the NVIDIA container runtime injects exactly ' +
      'the allocated devices and the matching driver libraries read-only.',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', 'https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/security.html'],
    tags: ['kubernetes', 'gpu', 'hostpath', 'pss-baseline'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      for (const v of hostPathVolumes(pod)) {
        if (!gpuHostPath(v.hostPath)) continue;
        reportAt(model, ctx, pod.obj, v.path, {
          message: `${where(pod)} mounts ${v.hostPath} from the host${v.writable ? ' (writable)' : ''}, bypassing the GPU device plugin`,
          key: `${pod.role}/hostPath/${v.hostPath}`, evidence: `hostPath: ${v.hostPath}`,
        });
      }
    }
  },
};
export default rule;
