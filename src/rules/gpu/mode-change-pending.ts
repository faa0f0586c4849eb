import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/mode-change-pending',
    title: 'MIG or ECC change is pending a GPU reset',
    severity: 'low',
    description:
      'The pending MIG or ECC mode differs from the current one: someone changed it but the GPU has not been reset, so the running state is not what the configuration says. Isolation or integrity that operators believe is on may be off.',
    remediation: 'Drain the GPU and reset it (`nvidia-smi -i N -r`) or reboot, or revert the pending change; then re-run the audit.',
    references: [REF.migGuide, REF.nvidiaSmi],
    tags: ['gpu', 'configuration-drift'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const g of m.smi?.gpus ?? []) {
      for (const [what, cur, pend] of [
        ['MIG', g.migCurrent, g.migPending],
        ['ECC', g.eccCurrent, g.eccPending],
      ] as const) {
        if (!cur || !pend || cur === pend) continue;
        ctx.report({
          message: `${what} mode on GPU ${g.id} is ${cur} but ${pend} is pending a reset`,
          location: { innerPath: EVIDENCE.smiXml },
          evidence: `${what.toLowerCase()} current=${cur} pending=${pend}`,
          key: `${what}:${g.uuid ?? g.id}`,
        });
      }
    }
  },
};
export default rule;
