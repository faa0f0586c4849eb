import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-cuda-compat-libs-from-container',
    title: 'Toolkit opts back in to CUDA compat libraries from the container',
    severity: 'high',
    description: '`[features] allow-cuda-compat-libs-from-container = true` makes the toolkit mount CUDA forward-compatibility libraries from the container image again. NVIDIA bulletin 5616 (CVE-2025-23359, a bypass of the CVE-2024-0132 fix) says that opting in removes the protection of the fix.',
    remediation: 'Remove the flag (and `allow-cuda-compat-libs-from-container` from NVIDIA_CONTAINER_TOOLKIT_OPT_IN_FEATURES in GPU Operator toolkit env). Images that need newer CUDA than the driver should use a newer driver instead.',
    references: [REF.b5616, REF.ctkFeatures, REF.nist190],
    tags: ['gpu', 'container-toolkit', 'container-escape'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || !(rc.features['allow-cuda-compat-libs-from-container'] === true)) return;
    const line = rc.lineOf('allow-cuda-compat-libs-from-container');
    ctx.report({
      message: `features.allow-cuda-compat-libs-from-container = true removes the CVE-2025-23359 protection (bulletin 5616)`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `allow-cuda-compat-libs-from-container = true`,
      key: 'features.allow-cuda-compat-libs-from-container',
    });
  },
};
export default rule;
