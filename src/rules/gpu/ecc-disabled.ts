import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// 'N/A' (consumer cards) is a capability gap reported by gpu/consumer-gpu, not a disabled setting.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ecc-disabled',
    title: 'ECC memory protection is disabled on a GPU that supports it',
    severity: 'medium',
    description:
      'The GPU supports ECC but it is switched off. Without ECC, bit flips in GPU memory silently corrupt model weights, gradients and results, and Rowhammer-style attacks on GDDR/HBM (GPUHammer, 2025) become practical for a co-located tenant.',
    remediation: 'Enable ECC (`nvidia-smi -i N -e 1`, then reset the GPU or reboot) on every data-center GPU, and alert on ECC errors.',
    references: [REF.nvidiaSmi, 'https://gpuhammer.com/', REF.nist190],
    tags: ['gpu', 'integrity', 'isolation'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const g of m.smi?.gpus ?? []) {
      if (g.eccCurrent !== 'Disabled') continue;
      ctx.report({
        message: `ECC is disabled on GPU ${g.id} (${g.productName ?? '?'})${g.eccPending === 'Enabled' ? ' (enabled after the next reset)' : ''}`,
        location: { innerPath: EVIDENCE.smiXml },
        evidence: `ecc_mode current=${g.eccCurrent} pending=${g.eccPending ?? '?'}`,
        key: `ecc:${g.uuid ?? g.id}`,
        properties: { gpu: g.id, uuid: g.uuid },
      });
    }
  },
};
export default rule;
