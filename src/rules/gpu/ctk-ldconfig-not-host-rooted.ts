import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-ldconfig-not-host-rooted',
    title: 'Container runtime runs ldconfig from the container image',
    severity: 'high',
    description: '`[nvidia-container-cli] ldconfig` does not start with \'@\', so the ldconfig binary is taken from the container\'s filesystem and executed with host privileges while the toolkit prepares the container. NVIDIA bulletin 5599 names this as the precondition of CVE-2024-0136 and CVE-2024-0137: a crafted image can run code on the host.',
    remediation: 'Set `ldconfig = "@/sbin/ldconfig"` (the \'@\' means a host path) in the [nvidia-container-cli] section of /etc/nvidia-container-runtime/config.toml, and upgrade the toolkit to 1.17.3 or later, which refuses non-host ldconfig paths.',
    references: [REF.b5599, REF.ctkConfig, REF.nist190],
    tags: ['gpu', 'container-toolkit', 'container-escape'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || rc.ldconfig.value.startsWith('@')) return;
    const line = rc.lineOf('ldconfig');
    ctx.report({
      message: `ldconfig = "${rc.ldconfig.value}" is not host-rooted (no leading '@'): the container's own ldconfig runs with host privileges (CVE-2024-0136/0137 precondition, bulletin 5599)`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `ldconfig = ${rc.ldconfig.value}`,
      key: 'nvidia-container-cli.ldconfig',
    });
  },
};
export default rule;
