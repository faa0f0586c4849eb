import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// A CDI hook is executed by the container runtime on the host, as root, for every container that
// requests the device. Its binary must be a root-owned system path, never a writable or relative one.
const UNTRUSTED = /^(\/tmp\/|\/var\/tmp\/|\/dev\/shm\/|\/home\/|\/root\/|\/run\/user\/|\/opt\/[^/]*\/tmp\/)|\/\.\.?\//;

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/cdi-hook-untrusted-path',
    title: 'CDI spec runs a hook from an untrusted path',
    severity: 'high',
    description:
      'A CDI spec (/etc/cdi, /var/run/cdi) declares a hook whose binary is relative, under a temp or home directory, or contains "..". The container runtime runs CDI hooks as root on the host for every container that requests the device, so whoever can write that path gets root on the node.',
    remediation: 'Regenerate the spec with `nvidia-ctk cdi generate` (hooks point at /usr/bin/nvidia-cdi-hook or nvidia-ctk), keep spec directories root-owned and not writable by others, and remove specs you did not generate.',
    references: [REF.cdiSpec, REF.b5659, REF.nist190],
    tags: ['gpu', 'cdi', 'container-escape'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const s of m.cdiSpecs) {
      for (const h of s.hooks) {
        if (!h.path) continue;
        if (h.path.startsWith('/') && !UNTRUSTED.test(h.path)) continue;
        ctx.report({
          message: `${s.file}: ${h.where} hook ${h.hookName ?? ''} runs '${h.path}' ${h.path.startsWith('/') ? 'from a user-writable or traversing path' : '(a relative path, resolved by the runtime)'}`,
          location: { innerPath: s.file },
          evidence: [h.path, ...h.args].join(' ').slice(0, 300),
          key: `${s.file}:${h.path}`,
        });
      }
    }
  },
};
export default rule;
