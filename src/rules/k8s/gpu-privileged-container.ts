import type { Rule } from '../../core/types.js';
import { k8sParser } from '../../parsers/k8s/k8s.js';
import { ATLAS, NIST_190, PSS_BASELINE, capsAdded, containerKey, containerSec, isNvidiaComponent, isTrue, noteNvidiaComponent, podUsesGpu, reportAt, requestsGpu, where } from './support.js';

// A privileged container sees every /dev/nvidia* on the node, so the device plugin's allocation
// (and any tenant separation built on it) is void (NVIDIA/gpu-operator#700, nvidia-docker#764).
const rule: Rule<import('../../parsers/k8s/k8s.js').K8sModel> = {
  meta: {
    id: 'k8s/gpu-privileged-container',
    title: 'Privileged or SYS_ADMIN container on a GPU workload',
    severity: 'critical',
    description:
      'A container that requests GPUs (or runs in a GPU pod) is privileged or adds CAP_SYS_ADMIN. A privileged container gets every device ' +
      'node of the host, including all `/dev/nvidia*` GPUs, so the device plugin\'s allocation and any isolation between tenants sharing ' +
      'the node is gone; it can also load kernel modules, read other GPUs\' memory and escape to the node (NIST SP 800-190 §4.4.3). ' +
      'Privileged NVIDIA GPU Operator components (driver, toolkit, device plugin, DCGM) in their own namespace are recognised and not reported.',
    remediation:
      'Remove `privileged: true` and `SYS_ADMIN`; request GPUs through `resources.limits["nvidia.com/gpu"]` so the device plugin mounts only the ' +
      'allocated devices. For profiling use DCGM in the operator namespace instead of privileged training pods.',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://github.com/NVIDIA/gpu-operator/issues/700', 'https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/security.html', ATLAS('AML.T0034')],
    tags: ['kubernetes', 'gpu', 'pss-baseline', 'privileged'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (!podUsesGpu(pod)) continue;
      if (isNvidiaComponent(pod)) {
        noteNvidiaComponent(ctx, pod);
        continue;
      }
      for (const c of pod.containers) {
        const gpu = requestsGpu(c) ? `requests ${[...c.gpuLimits, ...c.gpuRequests][0]}` : 'runs in a GPU pod';
        const priv = containerSec(c, 'privileged');
        if (priv && isTrue(priv.value)) {
          reportAt(model, ctx, pod.obj, priv.path, { message: `${where(c)} ${gpu} and is privileged: it sees every GPU and device on the node`, key: `${containerKey(c)}/privileged`, evidence: 'privileged: true' });
        }
        for (const cap of capsAdded(c)) {
          if (cap.cap !== 'SYS_ADMIN' && cap.cap !== 'ALL') continue;
          reportAt(model, ctx, pod.obj, cap.path, { message: `${where(c)} ${gpu} and adds ${cap.cap}`, key: `${containerKey(c)}/cap/${cap.cap}`, evidence: `capabilities.add: ${cap.cap}` });
        }
      }
    }
  },
};
export default rule;
