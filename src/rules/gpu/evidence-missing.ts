import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { REF } from './refs.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import type { Rule } from '../../core/types.js';

// A GPU audit that could not see an input must say so: an absent nvidia-smi is "not checked", never "clean".
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/evidence-missing',
    title: 'GPU audit input missing: checks that need it did not run',
    severity: 'info',
    description:
      'One of the inputs of the GPU audit (nvidia-smi output, toolkit versions, container runtime config, CDI specs, device nodes, /proc of a GPU process) was not available, so the checks that need it were not run. ' +
      'This is reported so that a missing input is never mistaken for a clean result.',
    remediation:
      'Run the audit where the input exists (on the GPU host, or in the DaemonSet with host paths mounted and hostPID), or add the file to the evidence directory. If the component is not installed (no container toolkit on a bare-metal training host), suppress this finding for that input with a reason.',
    references: [REF.nist190, 'https://github.com/NVIDIA/product-security'],
    tags: ['gpu', 'coverage'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const miss of m.missing) {
      ctx.report({
        message: `${miss.file} not available${miss.why ? ` (${miss.why})` : ''}: ${miss.consequence}`,
        location: { innerPath: miss.file },
        key: miss.file,
        // Without nvidia-smi almost nothing about the GPUs was checked.
        ...(miss.file === EVIDENCE.smiXml ? { severity: 'low' as const } : {}),
        properties: { input: miss.file, notChecked: miss.consequence },
      });
    }
  },
};
export default rule;
