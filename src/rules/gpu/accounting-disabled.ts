import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/accounting-disabled',
    title: 'GPU accounting mode is off (no per-process usage history)',
    severity: 'low',
    description:
      'With accounting mode disabled the driver keeps no record of processes that used the GPU after they exit, so a short-lived miner or an exfiltration job leaves no trace in `nvidia-smi --query-accounted-apps`. It costs almost nothing to enable.',
    remediation: 'Enable it with `nvidia-smi -am 1` (persists until reboot; set it at boot with a systemd unit or the GPU Operator), and collect accounted apps with your node telemetry.',
    references: [REF.nvidiaSmi, 'https://attack.mitre.org/mitigations/M1047/'],
    tags: ['gpu', 'forensics', 'logging'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const off = (m.smi?.gpus ?? []).filter((g) => g.accountingMode === 'Disabled');
    if (!off.length) return;
    ctx.report({
      message: `accounting mode is disabled on ${off.length} of ${m.smi!.gpus.length} GPU(s): ${off.map((g) => g.id).join(', ')}`,
      location: { innerPath: EVIDENCE.smiXml },
      evidence: 'accounting_mode Disabled',
      key: 'accounting',
    });
  },
};
export default rule;
