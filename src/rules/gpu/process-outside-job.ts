import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { gpuProcesses, jobPrefixes } from '../../parsers/gpu/processes.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// On a scheduled GPU node every GPU process belongs to a pod, container or batch job. One started
// from a login shell or the root cgroup is the strongest cryptojacking signal; an unrecognised
// cgroup is only reported low (site schedulers differ: add them with --job-cgroup PREFIX).
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/process-outside-job',
    title: 'GPU process not owned by any container, pod or scheduled job',
    severity: 'high',
    description:
      'The cgroup of a process using a GPU does not belong to a Kubernetes pod, a container (Docker, containerd, CRI-O, Podman, LXC) or a Slurm job: it was started directly on the host, from a login session, a systemd service or a cgroup mlwarden does not recognise. ' +
      'Such processes bypass the scheduler, quotas and accounting, and this is how miners and backdoors on GPU nodes usually look.',
    remediation:
      'Find who started it (`ps -o user,ppid,lstart -p PID`, /proc/PID/cgroup) and stop it if it is not expected. If your scheduler uses its own cgroup layout, pass it with `--job-cgroup /your/prefix` so its jobs are recognised.',
    references: [REF.attackT1496, REF.atlasCost, REF.nist190],
    tags: ['gpu', 'processes', 'cryptojacking', 'attribution'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const p of gpuProcesses(m, jobPrefixes(ctx.options))) {
      const o = p.owner;
      if (!o || ['kubernetes-pod', 'container', 'slurm-job', 'job'].includes(o.kind)) continue;
      const sev = o.kind === 'unknown' ? 'low' : o.kind === 'systemd-service' ? 'medium' : 'high';
      const what = o.kind === 'unknown' ? 'a cgroup that is not a known container or job layout' : o.kind === 'host-root' ? 'the host root cgroup' : `a ${o.kind === 'user-session' ? 'login session' : 'systemd service'}`;
      ctx.report({
        message: `GPU process ${p.pid} (${p.proc?.exe ?? p.name ?? '?'}${p.proc?.uid !== undefined ? `, uid ${p.proc.uid}` : ''}) runs in ${what}: ${o.detail}`,
        location: { innerPath: `${EVIDENCE.procDir}/${p.pid}/cgroup` },
        evidence: p.proc?.cgroups.join(' ') ?? '',
        key: `owner:${p.pid}:${o.id}`,
        severity: sev,
        properties: { pid: p.pid, ownerKind: o.kind, cgroup: p.proc?.cgroups },
      });
    }
  },
};
export default rule;
