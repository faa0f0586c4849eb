import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-cuda-compat-hook-disabled',
    title: 'CUDA compat hook disabled (NVIDIAScape mitigation recognised)',
    severity: 'info',
    description: '`[features] disable-cuda-compat-lib-hook = true` switches off the enable-cuda-compat createContainer hook that CVE-2025-23266 (NVIDIAScape) abuses. mlwarden takes it into account when rating the toolkit version; it does not mitigate CVE-2025-23267.',
    remediation: 'Keep the flag until the toolkit is at 1.17.8 or later, then upgrade; CVE-2025-23267 still needs the upgrade.',
    references: [REF.b5659, REF.ctkFeatures],
    tags: ['gpu', 'container-toolkit', 'mitigation'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || !(rc.features['disable-cuda-compat-lib-hook'] === true)) return;
    const line = rc.lineOf('disable-cuda-compat-lib-hook');
    ctx.report({
      message: `features.disable-cuda-compat-lib-hook = true: the enable-cuda-compat hook abused by CVE-2025-23266 is off (CVE-2025-23267 is not mitigated by it)`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `disable-cuda-compat-lib-hook = true`,
      key: 'features.disable-cuda-compat-lib-hook',
    });
  },
};
export default rule;
