import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import type { Connection } from '../../parsers/gpu/net.js';
import { gpuProcesses, jobPrefixes } from '../../parsers/gpu/processes.js';
import { EVIDENCE, PROC_FD_SOCKETS } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

/** Distinct public remote addresses a process dialled out to at or above which it is reported. */
export const MANY_PUBLIC_PEERS = 32;

export function publicPeers(conns: Connection[]): string[] {
  const live = (c: Connection) => (c.proto.startsWith('udp') ? c.state === 'ESTABLISHED' : c.state === 'ESTABLISHED' || c.state === 'SYN_SENT');
  return [...new Set(conns.filter((c) => live(c) && c.direction === 'outbound' && c.remote.scope === 'public').map((c) => c.remote.addr))].sort();
}

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/process-many-public-peers',
    title: 'GPU process talks to many public addresses',
    severity: 'info',
    description:
      `A process using a GPU has outbound connections to ${MANY_PUBLIC_PEERS} or more distinct public addresses at once. Training and inference jobs talk to private cluster peers (NCCL, parameter servers, storage) and to a few download endpoints; ` +
      'a GPU process spread over many public peers may be a miner with fallback pools, a proxy/relay, a P2P client or a scanner. Evidence for triage, not a verdict: dataset downloads through CDNs can also look like this.',
    remediation: 'Look at the listed addresses and the process (`ss -tnp`, `/proc/<pid>/cmdline`, its pod). If GPU workloads need no direct internet access, restrict egress with a NetworkPolicy or firewall and route downloads through a proxy.',
    references: [REF.attackT1496, REF.nist190],
    tags: ['gpu', 'processes', 'network'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const done = new Set<number>(); // a process on several GPUs is listed once per GPU
    for (const p of gpuProcesses(m, jobPrefixes(ctx.options))) {
      if (done.has(p.pid)) continue;
      done.add(p.pid);
      const peers = publicPeers(p.proc?.net?.connections ?? []);
      if (peers.length < MANY_PUBLIC_PEERS) continue;
      ctx.report({
        message: `GPU process ${p.pid} (${p.proc?.exe ?? p.name ?? '?'}) has outbound connections to ${peers.length} distinct public addresses: ${peers.slice(0, 10).join(', ')}${peers.length > 10 ? ', ...' : ''}`,
        location: { innerPath: `${EVIDENCE.procDir}/${p.pid}/${PROC_FD_SOCKETS}` },
        evidence: peers.slice(0, 32).join(' '),
        key: `public-peers:${p.pid}:${p.proc?.exe ?? p.name ?? ''}`,
        properties: { pid: p.pid, gpu: p.gpu?.id, publicPeers: peers.length, owner: p.owner?.detail },
      });
    }
  },
};
export default rule;
