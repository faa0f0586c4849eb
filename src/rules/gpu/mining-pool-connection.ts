import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { formatEndpoint, type Connection } from '../../parsers/gpu/net.js';
import { gpuProcesses, jobPrefixes } from '../../parsers/gpu/processes.js';
import { EVIDENCE, PROC_FD_SOCKETS } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import { poolPort } from './miner-signatures.js';
import type { Rule } from '../../core/types.js';

/** An outbound TCP connection of the process to a public address on a stratum pool port. */
export function poolConnections(conns: Connection[]): Connection[] {
  return conns.filter(
    (c) =>
      c.proto.startsWith('tcp') &&
      (c.state === 'ESTABLISHED' || c.state === 'SYN_SENT') &&
      c.direction === 'outbound' &&
      c.remote.scope === 'public' &&
      poolPort(c.remote.port) !== undefined,
  );
}

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/mining-pool-connection',
    title: 'GPU process connected to a mining-pool port',
    severity: 'high',
    description:
      'A process using a GPU has an outbound TCP connection (established or being opened) to a public address on a port that stratum mining pools use (3333, 4444, 5555, 7777, 14444, 45700, ... see POOL_PORTS in src/rules/gpu/miner-signatures.ts). ' +
      'The connection is read from the process\'s own sockets (/proc/<pid>/fd joined with /proc/<pid>/net/tcp*), so a renamed miner binary or a pool given in a config file instead of the command line is still seen. ' +
      'Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local, CGNAT and multicast peers never count (NCCL, parameter servers, DCGM), nor do inbound connections to a port the process listens on. ' +
      'Generic ports that Falco also lists (80, 443, 8080, 8888, 9999 ...) are not used: pools on TLS 443 are only found by gpu/miner-process (command line) or egress DNS logs.',
    remediation:
      'Check the remote address (reverse DNS, threat intelligence, your egress logs) and the process (`/proc/<pid>/exe`, cmdline, parent, pod). If it is a miner, treat the node as compromised: capture evidence, kill it, rotate the workload\'s credentials and close the entry point. Block egress from GPU workloads to the internet except through an allow-listed proxy (Kubernetes NetworkPolicy / cloud firewall egress rules).',
    references: [REF.attackT1496, REF.atlasCost, REF.falcoMiners, REF.nist190],
    tags: ['gpu', 'processes', 'network', 'cryptojacking'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const done = new Set<number>(); // a process on several GPUs is listed once per GPU
    for (const p of gpuProcesses(m, jobPrefixes(ctx.options))) {
      if (done.has(p.pid)) continue;
      done.add(p.pid);
      const hits = poolConnections(p.proc?.net?.connections ?? []);
      if (!hits.length) continue;
      const peers = [...new Set(hits.map((c) => `${formatEndpoint(c.remote)}${c.state === 'SYN_SENT' ? ' (connecting)' : ''}`))];
      ctx.report({
        message: `GPU process ${p.pid} (${p.proc?.exe ?? p.name ?? '?'}) on GPU ${p.gpu?.id ?? '?'} has ${hits.length} outbound connection(s) to mining-pool port(s) on public addresses: ${peers.slice(0, 8).join(', ')}${peers.length > 8 ? ` and ${peers.length - 8} more` : ''} (${poolPort(hits[0].remote.port)})${p.owner ? `; owner: ${p.owner.detail}` : ''}`,
        location: { innerPath: `${EVIDENCE.procDir}/${p.pid}/${PROC_FD_SOCKETS}` },
        evidence: hits
          .slice(0, 8)
          .map((c) => `${c.proto} ${formatEndpoint(c.local)} -> ${formatEndpoint(c.remote)} ${c.state} inode ${c.inode}`)
          .join('; '),
        key: `pool-connection:${p.pid}:${p.proc?.exe ?? p.name ?? ''}:${[...new Set(hits.map((c) => c.remote.port))].sort((a, b) => a - b).join(',')}`,
        properties: { pid: p.pid, gpu: p.gpu?.id, remotes: peers, owner: p.owner?.detail },
      });
    }
  },
};
export default rule;
