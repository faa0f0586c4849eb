import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { gpuProcesses, jobPrefixes } from '../../parsers/gpu/processes.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Time-slicing and MPS share one GPU's memory and fault domain between processes; only MIG gives
// hardware isolation. Owners come from cgroups; without /proc evidence each pid counts as its own
// owner on a non-MIG GPU (nothing isolates them), but not inside a MIG instance (no evidence of sharing).
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/shared-gpu-without-isolation',
    title: 'GPU shared by several workloads without MIG isolation',
    severity: 'medium',
    description:
      'Processes of different owners (pods, containers, jobs, users) run on the same GPU (or the same MIG instance) at the same time. With time-slicing or MPS there is no memory or fault isolation between them: ' +
      'one tenant can read leftovers or exhaust memory of another, and an error in one kills the others. NVIDIA\'s GPU Operator documentation says so for time-slicing. MIG-capable GPUs (A100, A30, H100, H200, B200) can be partitioned in hardware instead.',
    remediation:
      'Give each tenant whole GPUs or MIG instances: enable MIG (`nvidia-smi -i N -mig 1`, GPU Operator mig.strategy) and schedule MIG profiles, or keep time-slicing/MPS to one namespace/tenant per node. Set compute mode Exclusive_Process on GPUs meant for one job.',
    references: [REF.gpuSharing, REF.migGuide, REF.nist190],
    tags: ['gpu', 'isolation', 'multi-tenancy'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const procs = gpuProcesses(m, jobPrefixes(ctx.options)).filter((p) => p.gpu && !(p.type ?? 'C').startsWith('G'));
    for (const g of m.smi?.gpus ?? []) {
      if (g.computeMode === 'Exclusive_Process' || g.computeMode === 'Prohibited') continue;
      const migOn = g.migCurrent === 'Enabled';
      const groups = new Map<string, typeof procs>();
      for (const p of procs.filter((x) => x.gpu === g)) {
        const k = migOn ? `gi:${p.gpuInstanceId ?? '?'}` : 'gpu';
        groups.set(k, [...(groups.get(k) ?? []), p]);
      }
      for (const [k, list] of groups) {
        const owners = new Set(list.map((p) => p.owner?.id ?? (migOn ? undefined : `pid:${p.pid}`)).filter(Boolean));
        if (owners.size < 2) continue;
        const mps = list.some((p) => /M/.test(p.type ?? '') || /nvidia-cuda-mps-server/.test(p.name ?? ''));
        const where = migOn ? `MIG instance ${k.slice(3)} of GPU ${g.id}` : `GPU ${g.id} (${g.productName ?? 'unknown product'})`;
        const attributed = list.filter((p) => p.owner).length;
        const migHint = migOn ? '' : g.migCurrent === 'Disabled' ? '; this GPU is MIG-capable but MIG is disabled' : '; this GPU cannot do MIG';
        ctx.report({
          message:
            `${where} is shared by ${list.length} processes of ${owners.size} ${attributed === list.length ? 'different owners' : 'possibly different owners (not all attributed)'}` +
            ` via ${mps ? 'MPS' : 'time-slicing'}, compute mode ${g.computeMode ?? 'unknown'}: no memory or fault isolation between them${migHint}`,
          location: { innerPath: EVIDENCE.smiXml },
          evidence: list.map((p) => `${p.pid} ${p.name ?? '?'}${p.owner ? ` [${p.owner.detail}]` : ''}`).join('; '),
          key: `shared:${g.uuid ?? g.id}:${k}`,
          properties: { gpu: g.id, uuid: g.uuid, migMode: g.migCurrent ?? 'N/A', sharing: mps ? 'mps' : 'time-slicing', pids: list.map((p) => p.pid), owners: [...owners] },
        });
      }
    }
  },
};
export default rule;
