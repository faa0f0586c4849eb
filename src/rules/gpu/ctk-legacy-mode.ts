import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-legacy-mode',
    title: 'Container runtime uses legacy (hook) mode instead of CDI',
    severity: 'low',
    description: '`[nvidia-container-runtime] mode = "legacy"` injects GPUs with the prestart hook and libnvidia-container. The 2024-2025 container-escape CVEs CVE-2024-0132/0133 and CVE-2025-23359 affect this path; NVIDIA\'s bulletins state they do not impact CDI mode.',
    remediation: 'Generate CDI specs (`nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml`, or GPU Operator cdi.enabled=true) and set `mode = "cdi"` (or leave "auto") after testing your workloads.',
    references: [REF.b5582, REF.b5616, REF.cdiSpec],
    tags: ['gpu', 'container-toolkit', 'hardening'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || !(rc.mode.value === 'legacy')) return;
    const line = rc.lineOf('mode');
    ctx.report({
      message: `mode = "legacy": the hook-based injection path that CVE-2024-0132/0133 and CVE-2025-23359 target (CDI mode is not affected by them)`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `mode = legacy`,
      key: 'nvidia-container-runtime.mode',
    });
  },
};
export default rule;
