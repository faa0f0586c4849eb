import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Idle GPUs keep some memory for the driver/context (tens to a few hundred MiB); beyond this much
// (or 5% of the card) used memory with no listed owner means processes nvidia-smi could not see.
const SLACK_MIB = 512;

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/unattributed-gpu-memory',
    title: 'GPU memory in use that no visible process accounts for',
    severity: 'medium',
    description:
      'GPU memory is allocated but nvidia-smi lists no process (or only [Not Found] / [N/A] entries) for it. Either the audit ran inside a container or PID namespace that cannot see the owners (then nothing about those processes was checked), ' +
      'or a process is hiding its GPU use. Unattributed GPU use is the typical footprint of a cryptominer in a neighbouring container.',
    remediation: 'Re-run the audit in the host PID namespace (on the host, or the DaemonSet with hostPID: true) to attribute the memory; if it stays unattributed, investigate the GPU with `nvidia-smi --query-compute-apps` and `fuser -v /dev/nvidia*` as root.',
    references: [REF.nvidiaSmi, REF.attackT1496, REF.atlasCost],
    tags: ['gpu', 'processes', 'cryptojacking'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const g of m.smi?.gpus ?? []) {
      if (g.fbUsedMiB === undefined || g.migCurrent === 'Enabled' && g.processes.length) continue;
      const listed = g.processes.reduce((s, p) => s + (p.usedMiB ?? 0), 0);
      const slack = Math.max(SLACK_MIB, (g.fbTotalMiB ?? 0) * 0.05);
      const gap = g.fbUsedMiB - listed;
      if (gap <= slack) continue;
      ctx.report({
        message: `GPU ${g.id}: ${g.fbUsedMiB} MiB in use but the ${g.processes.length} listed process(es) account for ${listed} MiB; ${Math.round(gap)} MiB belong to processes nvidia-smi did not show (audit in another PID namespace, or hidden use)`,
        location: { innerPath: EVIDENCE.smiXml },
        evidence: `fb_memory_usage used ${g.fbUsedMiB} MiB, processes ${g.processes.length}`,
        key: `fb:${g.uuid ?? g.id}`,
        properties: { gpu: g.id, usedMiB: g.fbUsedMiB, attributedMiB: listed },
      });
    }
    const unresolved = (m.computeApps ?? []).filter((a) => a.unresolvedName || a.unknownMemory);
    if (unresolved.length) {
      ctx.report({
        message: `${unresolved.length} compute process(es) could not be resolved by nvidia-smi ([Not Found] name or [N/A] memory): ${unresolved.map((a) => a.pid).join(', ')}; they run in a PID namespace the audit cannot see`,
        location: { innerPath: EVIDENCE.computeApps },
        evidence: unresolved.map((a) => `${a.pid} ${a.name ?? '[Not Found]'} ${a.usedMiB ?? '[N/A]'}`).join('; '),
        key: 'compute-apps:unresolved',
      });
    }
  },
};
export default rule;
