import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { gpuProcesses, jobPrefixes } from '../../parsers/gpu/processes.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Where legitimate training binaries never live: world-writable scratch, RAM disks, hidden
// directories, memfd (fileless) and binaries deleted after start.
const PLACES: Array<{ test: (exe: string) => boolean; why: string }> = [
  { test: (e) => e.endsWith(' (deleted)'), why: 'its executable was deleted after it started' },
  { test: (e) => e.startsWith('/memfd:'), why: 'it runs from an anonymous memory file (fileless)' },
  { test: (e) => /^\/dev\/shm\//.test(e), why: 'it runs from /dev/shm (RAM disk)' },
  { test: (e) => /^\/(var\/)?tmp\//.test(e), why: 'it runs from a world-writable temp directory' },
  { test: (e) => /^\/run\/user\/\d+\//.test(e), why: 'it runs from a per-user runtime directory' },
  { test: (e) => /\/\.[^/.][^/]*\//.test(e), why: 'it runs from a hidden directory' },
];

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/process-suspicious-executable',
    title: 'GPU process runs from /tmp, /dev/shm, a hidden directory or a deleted binary',
    severity: 'high',
    description:
      'A process using a GPU was started from a location where installed software does not live: /tmp, /var/tmp, /dev/shm, a hidden directory, an anonymous memory file, or a binary that was deleted after it started. Droppers use these places to stay out of package databases and image layers.',
    remediation: 'Identify how the process was started (parent, cgroup, container), copy /proc/<pid>/exe for analysis, then stop it. Mount /tmp and /dev/shm noexec on GPU nodes and in pods (readOnlyRootFilesystem, emptyDir without exec).',
    references: [REF.attackT1496, 'https://attack.mitre.org/techniques/T1070/004/', REF.nist190],
    tags: ['gpu', 'processes', 'malware'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const p of gpuProcesses(m, jobPrefixes(ctx.options))) {
      const exe = p.proc?.exe ?? p.name;
      if (!exe || !exe.startsWith('/')) continue;
      const hits = PLACES.filter((x) => x.test(exe));
      if (!hits.length) continue;
      ctx.report({
        message: `GPU process ${p.pid} (${exe}) on GPU ${p.gpu?.id ?? '?'}: ${hits.map((h) => h.why).join('; ')}`,
        location: { innerPath: p.proc?.exe ? `${EVIDENCE.procDir}/${p.pid}/exe` : EVIDENCE.smiXml },
        evidence: exe,
        key: `exe:${p.pid}:${exe}`,
        properties: { pid: p.pid, exe },
      });
    }
  },
};
export default rule;
