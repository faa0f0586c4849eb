import type { Rule } from '../../core/types.js';
import { composeParser, type ComposeModel } from '../../parsers/compose/compose.js';
import { NIST_190 } from './support.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Compose requests a GPU with `gpus`, `runtime: nvidia` or a device reservation with the gpu capability. */
export function composeUsesGpu(svc: Record<string, unknown>): boolean {
  if (svc.gpus !== undefined || svc.runtime === 'nvidia') return true;
  const devices = (svc.deploy as { resources?: { reservations?: { devices?: unknown } } } | undefined)?.resources?.reservations?.devices;
  return Array.isArray(devices) && devices.some((d) => typeof d === 'object' && d !== null && (JSON.stringify(d).includes('gpu') || (d as { driver?: unknown }).driver === 'nvidia'));
}

const rule: Rule<ComposeModel> = {
  meta: {
    id: 'platform/compose-privileged',
    title: 'Compose service runs privileged or shares host namespaces',
    severity: 'high',
    description:
      'A compose service sets `privileged: true`, adds SYS_ADMIN/ALL, uses `network_mode: host`, `pid: host` or `ipc: host`, or bind-mounts the ' +
      'Docker socket or GPU device nodes. Each gives the container the host (NIST SP 800-190 §4.4.3); on a GPU service a privileged ' +
      'container also sees every GPU regardless of its device reservation (critical).',
    remediation:
      'Request GPUs with `deploy.resources.reservations.devices` (capabilities: [gpu]) instead of privileged mode or device binds, publish ports ' +
      'instead of host networking, use `shm_size` instead of `ipc: host`, and never mount the Docker socket.',
    references: [NIST_190('4.4.3'), 'https://docs.docker.com/compose/how-tos/gpu-support/', 'https://docs.docker.com/reference/compose-file/services/'],
    tags: ['compose', 'privileged', 'gpu'],
  },
  parser: composeParser,
  check(model, ctx) {
    for (const svc of model.services) {
      const v = svc.value;
      const gpu = composeUsesGpu(v);
      const hit = (path: Array<string | number>, what: string, severity: 'critical' | 'high' | 'medium') =>
        ctx.report({ message: `compose service '${svc.name}'${gpu ? ' (GPU)' : ''} ${what}`, location: { line: model.lineOf([...svc.path, ...path]) }, key: `compose/${svc.name}/${what}`, evidence: what, severity, properties: { service: svc.name, gpu } });
      if (v.privileged === true || v.privileged === 'true') hit(['privileged'], 'runs privileged', gpu ? 'critical' : 'high');
      if (Array.isArray(v.cap_add)) v.cap_add.forEach((c, i) => /^(CAP_)?(SYS_ADMIN|ALL)$/i.test(String(c)) && hit(['cap_add', i], `adds ${String(c)}`, gpu ? 'critical' : 'high'));
      for (const ns of ['network_mode', 'pid', 'ipc'] as const) if (str(v[ns]) === 'host') hit([ns], `uses ${ns}: host`, ns === 'ipc' ? 'medium' : 'high');
      const binds = [...(Array.isArray(v.volumes) ? v.volumes.map((x, i) => ({ x, path: ['volumes', i] })) : []), ...(Array.isArray(v.devices) ? v.devices.map((x, i) => ({ x, path: ['devices', i] })) : [])];
      for (const b of binds) {
        const src = typeof b.x === 'string' ? b.x.split(':')[0] : str((b.x as { source?: unknown } | null)?.source);
        if (!src) continue;
        if (/docker\.sock$|containerd\.sock$/.test(src)) hit(b.path, `mounts ${src}`, 'critical');
        else if (/^\/dev\/(nvidia|dri)/.test(src) || /libnvidia|\/run\/nvidia/.test(src)) hit(b.path, `mounts ${src} (bypasses the GPU device reservation)`, 'high');
      }
    }
  },
};
export default rule;
