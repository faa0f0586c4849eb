import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// /dev/nvidia-caps/nvidia-cap1 grants MIG configuration, nvidia-cap2 MIG monitoring (see
// /proc/driver/nvidia/capabilities/mig/{config,monitor}). Stock modes are 0400 and 0444.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/mig-capability-node-open',
    title: 'MIG capability device nodes are open to non-root users',
    severity: 'high',
    description:
      'Access to /dev/nvidia-caps/nvidia-cap1 is the capability to create and destroy MIG instances. When any user can write (or read) it, a tenant can repartition the GPU under other tenants, destroying their instances or merging isolation boundaries. ' +
      'Capability nodes other than the MIG monitor should never be writable by group or others.',
    remediation: 'Restore the driver defaults (cap1 0400 root:root, cap2 0444) and remove blanket `chmod 666 /dev/nvidia*` udev rules; grant MIG management only to the MIG manager.',
    references: [REF.migGuide, REF.nist190],
    tags: ['gpu', 'permissions', 'mig', 'isolation'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const n of m.devNodes ?? []) {
      if (!n.path.startsWith('/dev/nvidia-caps/') || n.type !== 'c') continue;
      const writable = (n.mode & 0o022) !== 0;
      const cap1Readable = /nvidia-cap1$/.test(n.path) && (n.mode & 0o044) !== 0;
      if (!writable && !cap1Readable) continue;
      ctx.report({
        message: `${n.path} is ${n.modeString} ${n.owner}:${n.group}: ${/nvidia-cap1$/.test(n.path) ? 'any user holding it can reconfigure MIG instances' : 'writable by non-owners'}`,
        location: { innerPath: EVIDENCE.devListing, line: n.line },
        evidence: `${n.modeString} ${n.path}`,
        key: `cap:${n.path}`,
      });
    }
  },
};
export default rule;
