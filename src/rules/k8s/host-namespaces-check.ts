// hostNetwork / hostPID / hostIPC on a pod, shared by the GPU and the generic rule (each takes its pods).
import type { RuleContext, Severity } from '../../core/types.js';
import type { K8sModel, PodRef } from '../../parsers/k8s/k8s.js';
import { isTrue, reportAt, where } from './support.js';

const WHY: Record<string, string> = {
  hostNetwork: 'shares the node network stack (binds node ports, reaches node-local services and the metadata endpoint)',
  hostPID: 'sees and can signal every process on the node (including other tenants\' training processes and GPU reapers)',
  hostIPC: 'shares the node IPC namespace (NCCL/shared-memory segments of other pods become readable)',
};

export function checkHostNamespaces(model: K8sModel, ctx: RuleContext, pod: PodRef, severity: Severity, gpu: boolean): void {
  for (const field of Object.keys(WHY)) {
    const f = pod.field(field);
    if (!f || !isTrue(f.value)) continue;
    reportAt(model, ctx, pod.obj, f.path, { message: `${where(pod)}${gpu ? ' (GPU pod)' : ''} sets ${field}: it ${WHY[field]}`, key: `${pod.role}/${field}`, evidence: `${field}: true`, severity });
  }
}
