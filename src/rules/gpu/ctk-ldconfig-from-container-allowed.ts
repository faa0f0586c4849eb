import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-ldconfig-from-container-allowed',
    title: 'Toolkit feature flag re-allows ldconfig from the container',
    severity: 'high',
    description: '`[features] allow-ldconfig-from-container = true` switches off the protection that toolkit 1.17.3 added after CVE-2024-0136/0137: a container-supplied ldconfig path is accepted again and run with host privileges.',
    remediation: 'Remove `allow-ldconfig-from-container` from the [features] section (or set it to false) and keep `ldconfig = "@/sbin/ldconfig"`.',
    references: [REF.b5599, REF.ctkFeatures, REF.nist190],
    tags: ['gpu', 'container-toolkit', 'container-escape'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || !(rc.features['allow-ldconfig-from-container'] === true)) return;
    const line = rc.lineOf('allow-ldconfig-from-container');
    ctx.report({
      message: `features.allow-ldconfig-from-container = true re-opens the CVE-2024-0136/0137 attack path (bulletin 5599)`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `allow-ldconfig-from-container = true`,
      key: 'features.allow-ldconfig-from-container',
    });
  },
};
export default rule;
