import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { gpuProcesses, jobPrefixes } from '../../parsers/gpu/processes.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import { minerByName, poolMarker } from './miner-signatures.js';
import type { Rule } from '../../core/types.js';

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/miner-process',
    title: 'Cryptocurrency miner running on a GPU',
    severity: 'critical',
    description:
      'A process using a GPU is a known cryptominer (T-Rex, XMRig, lolMiner, NBMiner, GMiner, PhoenixMiner, ...) by executable name, or its command line points at a mining pool (stratum+tcp://, pool domains). ' +
      'Cryptojacking of GPU nodes (MITRE ATT&CK T1496, ATLAS AML.T0034) usually follows a compromised notebook, an exposed Ray/Jupyter/MLflow endpoint or stolen cloud credentials.',
    remediation:
      'Treat the node as compromised: capture the process (`/proc/<pid>/exe`, cmdline, environ, network connections), find how it was started (its pod/container/job or parent), kill it, rotate the credentials of the workload that started it and close the entry point. Block egress to mining pools.',
    references: [REF.attackT1496, REF.atlasCost, REF.falcoMiners, REF.nist190],
    tags: ['gpu', 'processes', 'cryptojacking', 'malware'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const p of gpuProcesses(m, jobPrefixes(ctx.options))) {
      const byExe = minerByName(p.proc?.exe) ?? minerByName(p.name) ?? minerByName(p.proc?.args?.[0]) ?? minerByName(p.proc?.name);
      const pool = poolMarker(p.proc?.cmdline);
      if (!byExe && !pool) continue;
      const why = [byExe ? `executable is ${byExe}` : '', pool ? `command line names mining pool/protocol '${pool}'` : ''].filter(Boolean).join(' and ');
      ctx.report({
        message: `GPU process ${p.pid} (${p.proc?.exe ?? p.name ?? '?'}) on GPU ${p.gpu?.id ?? '?'} looks like a cryptominer: ${why}${p.usedMiB !== undefined ? `; it holds ${p.usedMiB} MiB of GPU memory` : ''}${p.owner ? `; owner: ${p.owner.detail}` : ''}`,
        location: { innerPath: p.proc ? `${EVIDENCE.procDir}/${p.pid}/${p.proc.exe ? 'exe' : 'cmdline'}` : EVIDENCE.smiXml },
        evidence: (p.proc?.cmdline ?? p.name ?? '').slice(0, 300),
        key: `miner:${p.pid}:${p.proc?.exe ?? p.name ?? ''}`,
        properties: { pid: p.pid, gpu: p.gpu?.id, miner: byExe, pool, owner: p.owner?.detail },
      });
    }
  },
};
export default rule;
