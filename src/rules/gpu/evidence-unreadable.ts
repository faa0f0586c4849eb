import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/evidence-unreadable',
    title: 'GPU audit input could not be fully read',
    severity: 'medium',
    description:
      'An evidence file exists but is malformed, truncated or larger than the cap (invalid TOML, broken XML, an unparseable CDI spec, a version banner without a version). ' +
      'Checks ran on what could be read; the rest of the file was not analysed.',
    remediation: 'Recapture the evidence (`mlwarden gpu --collect DIR`). A config.toml or CDI spec that does not parse will also fail in the container runtime: fix or regenerate it (`nvidia-ctk cdi generate`).',
    references: [REF.nist190, REF.nvidiaSmi],
    tags: ['gpu', 'coverage'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const i of m.issues) ctx.report({ message: `${i.file}: ${i.message}`, location: { innerPath: i.file }, key: `${i.file}:${i.message}` });
  },
};
export default rule;
