import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-broad-driver-capabilities',
    title: 'Containers may request display/graphics driver capabilities',
    severity: 'low',
    description: '`supported-driver-capabilities` allows graphics, display, video or ngx: containers asking for them (NVIDIA_DRIVER_CAPABILITIES=all) get the corresponding driver libraries and device files mounted, a larger attack surface than compute workloads need.',
    remediation: 'On compute-only nodes set `supported-driver-capabilities = "compute,utility"` in config.toml.',
    references: [REF.ctkConfig, REF.nist190],
    tags: ['gpu', 'container-toolkit', 'least-privilege'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || !((rc.supportedDriverCapabilities ?? ['all']).some((c) => ['all', 'graphics', 'display', 'video', 'ngx'].includes(c)))) return;
    const line = rc.lineOf('supported-driver-capabilities');
    ctx.report({
      message: `supported-driver-capabilities ${rc.supportedDriverCapabilities ? `= "${rc.supportedDriverCapabilities.join(',')}"` : 'is not set (all capabilities)'} includes graphics/display capabilities that compute nodes do not need`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `supported-driver-capabilities = ${rc.supportedDriverCapabilities?.join(',') ?? '(default: all)'}`,
      key: 'supported-driver-capabilities',
    });
  },
};
export default rule;
