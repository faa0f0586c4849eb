// Network peers of GPU processes: /proc/net table parsing, the join with the process's socket
// inodes, and the rules on top. Fixtures are SYNTHETIC, written in the kernel's exact format by
// scripts/fixtures/gpu/make-net-fixtures.mjs (see test/fixtures/gpu/net/PROVENANCE.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinProcNet, parseFdSockets, parseNetTable, MAX_NET_ROWS } from '../../src/parsers/gpu/net.js';
import { auditGpu } from '../../src/scan/gpu-audit.js';
import { auditTree, FIX, fx, only } from './helpers.js';
import { growth, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';

const MINER = join(FIX, 'a100-timesliced-miner');
const rd = (p: string) => readFileSync(join(FIX, p), 'utf8');
const XML = 'nvidia-smi-q.xml';

test('decodes little-endian IPv4, IPv6 words, ports, states and inodes of /proc/net tables', () => {
  const t = parseNetTable(rd('a100-timesliced-miner/proc/77340/net/tcp'), 'tcp');
  assert.deepEqual(t.issues, []);
  assert.equal(t.rows.length, 7);
  const pool = t.rows.find((r) => r.inode === 77001)!;
  assert.deepEqual([pool.local.addr, pool.local.port, pool.remote.addr, pool.remote.port, pool.st, pool.remote.scope], ['10.0.3.14', 41822, '203.0.113.50', 3333, 1, 'public']);
  assert.equal(t.rows.find((r) => r.inode === 21002)!.local.addr, '127.0.0.1');
  assert.equal(t.rows.find((r) => r.inode === 21002)!.local.scope, 'loopback');
  const t6 = parseNetTable(rd('a100-timesliced-miner/proc/77340/net/tcp6'), 'tcp6');
  assert.deepEqual(t6.issues, []);
  assert.deepEqual(t6.rows.map((r) => [r.local.addr, r.remote.addr, r.remote.port]), [['::', '::', 0], ['2001:db8:a::14', '2001:db8:ff::50', 7777]]);
  const pod6 = parseNetTable(rd('a100-timesliced-miner/proc/48211/net/tcp6'), 'tcp6').rows[0];
  assert.deepEqual([pod6.remote.addr, pod6.remote.scope], ['fd00:10:42::20', 'private']);
  const u6 = parseNetTable(rd('a100-timesliced-miner/proc/48211/net/udp6'), 'udp6').rows[0];
  assert.deepEqual([u6.local.addr, u6.local.scope], ['fe80::1c:42ff:fe01:10', 'link-local']);
  // The kernel's own ::1 and an IPv4-mapped address.
  const own = parseNetTable('  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000000000000000000001000000:855C 0000000000000000FFFF0000327100CB:0D05 01 00000000:00000000 00:00000000 00000000     0        0 80953 1 0000000000000000 20 4 30 10 -1\n', 'tcp6');
  assert.deepEqual(own.issues, []);
  assert.deepEqual([own.rows[0].local.addr, own.rows[0].local.scope, own.rows[0].remote.addr, own.rows[0].remote.scope], ['::1', 'loopback', '::ffff:203.0.113.50', 'public']);
});

test('joins the socket inodes of a process with its namespace tables; listening ports make peers inbound', () => {
  const p = (f: string) => rd(`a100-timesliced-miner/proc/48211/${f}`);
  const net = joinProcNet(parseFdSockets(p('fd-sockets.txt')), { tcp: parseNetTable(p('net/tcp'), 'tcp'), tcp6: parseNetTable(p('net/tcp6'), 'tcp6'), udp: parseNetTable(p('net/udp'), 'udp'), udp6: parseNetTable(p('net/udp6'), 'udp6') });
  assert.equal(net.connections.length, 10);
  const by = (inode: number) => net.connections.find((c) => c.inode === inode)!;
  assert.equal(by(31001).direction, 'listen');
  assert.equal(by(31003).direction, 'inbound', 'a peer connected to c10d port 29500');
  assert.equal(by(31007).direction, 'inbound', 'public client on the notebook port, ephemeral source port 45700');
  assert.equal(by(31004).direction, 'outbound');
  assert.deepEqual([by(31009).proto, by(31009).state, by(31009).direction], ['udp', 'ESTABLISHED', 'outbound']);
  assert.deepEqual([by(31010).state, by(31010).direction], ['UNCONNECTED', 'unconnected']);
  // Sockets of other processes in the table are not the process's.
  const host = (f: string) => rd(`a100-timesliced-miner/proc/77340/${f}`);
  const m = joinProcNet(parseFdSockets(host('fd-sockets.txt')), { tcp: parseNetTable(host('net/tcp'), 'tcp') });
  assert.deepEqual(m.connections.map((c) => c.inode).sort(), [77001, 77002]);
});

test('a miner connected to stratum pools: one high finding with every pool address, IPv4 and IPv6', async () => {
  const { report } = await auditGpu({ from: MINER });
  const hit = only(report.findings, 'gpu/mining-pool-connection');
  assert.equal(hit.length, 1);
  assert.equal(hit[0].severity, 'high');
  assert.equal(hit[0].properties?.pid, 77340);
  assert.equal(hit[0].location.innerPath, 'proc/77340/fd-sockets.txt');
  assert.match(hit[0].message, /203\.0\.113\.50:3333.*203\.0\.113\.51:14444 \(connecting\).*\[2001:db8:ff::50\]:7777/);
  assert.match(hit[0].evidence ?? '', /tcp 10\.0\.3\.14:41822 -> 203\.0\.113\.50:3333 ESTABLISHED inode 77001/);
  // Every process had its network checked: nothing reported missing for proc/*.
  assert.deepEqual(only(report.findings, 'gpu/evidence-missing').filter((f) => f.location.innerPath?.startsWith('proc/')), []);
  assert.equal(only(report.findings, 'gpu/evidence-unreadable').length, 0);
});

test('training jobs with NCCL, MinIO, ZeroMQ on 5555 and loopback 4444 peers: no network finding', async () => {
  // The two pods of the A100 fixture, without the miner.
  const files: Record<string, string> = { [XML]: fx('nvidia-smi/a100-timesliced-miner-535.54.03.xml') };
  for (const pid of [48211, 51907])
    for (const f of ['cmdline', 'exe', 'cgroup', 'status', 'fd-sockets.txt', 'net/tcp', 'net/tcp6', 'net/udp', 'net/udp6']) files[`proc/${pid}/${f}`] = rd(`a100-timesliced-miner/proc/${pid}/${f}`);
  const f = await auditTree(files);
  assert.equal(only(f, 'gpu/mining-pool-connection').length, 0);
  assert.equal(only(f, 'gpu/process-many-public-peers').length, 0);
  assert.deepEqual(only(f, 'gpu/evidence-missing').map((x) => x.location.innerPath).filter((p) => p?.startsWith('proc/')), ['proc/77340'], 'only the miner, whose /proc was left out here');
});

test('a GPU process with 40 public peers is reported for triage (info), 443 is not a pool port', async () => {
  const xml = fx('nvidia-smi/tesla-t4-eol-470.82.01.xml').replace(/<processes>[\s\S]*<\/processes>/, '<processes><process_info><pid>9</pid><type>C</type><process_name>/usr/bin/python3</process_name><used_memory>100 MiB</used_memory></process_info></processes>');
  const f = await auditTree({ [XML]: xml, 'proc/9/cmdline': 'python3\0fetch.py\0', 'proc/9/fd-sockets.txt': rd('net/many-public-peers-fd-sockets.txt'), 'proc/9/net/tcp': rd('net/many-public-peers-tcp') });
  const many = only(f, 'gpu/process-many-public-peers');
  assert.equal(many.length, 1);
  assert.equal(many[0].severity, 'info');
  assert.equal(many[0].properties?.publicPeers, 40);
  assert.equal(only(f, 'gpu/mining-pool-connection').length, 0);
});

test('missing network evidence is "not checked", never clean; damaged tables are unreadable, not a crash', async () => {
  const xml = fx('nvidia-smi/tesla-t4-eol-470.82.01.xml').replace(/<processes>[\s\S]*<\/processes>/, '<processes><process_info><pid>9</pid><type>C</type><process_name>/tmp/x</process_name><used_memory>100 MiB</used_memory></process_info></processes>');
  const noNet = await auditTree({ [XML]: xml, 'proc/9/cmdline': 'x\0' });
  const miss = only(noNet, 'gpu/evidence-missing').find((x) => x.location.innerPath === 'proc/9/net');
  assert.ok(miss, 'reported as not checked');
  assert.match(miss.message, /network peers of GPU process 9 were not checked/);
  // fd list without any table is still not checked.
  assert.ok(only(await auditTree({ [XML]: xml, 'proc/9/cmdline': 'x\0', 'proc/9/fd-sockets.txt': '77001\n' }), 'gpu/evidence-missing').some((x) => x.location.innerPath === 'proc/9/net'));

  const bad = await auditTree({ [XML]: xml, 'proc/9/cmdline': 'x\0', 'proc/9/fd-sockets.txt': '77001\nnot-an-inode\n# truncated: more than 4096 descriptors\n', 'proc/9/net/tcp': rd('net/malformed-tcp'), 'proc/9/net/udp': rd('net/not-a-table-tcp') });
  const un = only(bad, 'gpu/evidence-unreadable').map((x) => `${x.location.innerPath}: ${x.message}`);
  assert.ok(un.some((m) => /proc\/9\/net\/tcp: .*4 malformed line\(s\) ignored \(first at line 3\)/.test(m)), un.join('\n'));
  assert.ok(un.some((m) => /proc\/9\/net\/udp: .*not a \/proc\/net\/udp table/.test(m)));
  assert.ok(un.some((m) => /fd-sockets\.txt: .*more descriptors than the collector reads/.test(m)));
  assert.ok(un.some((m) => /fd-sockets\.txt: .*1 line\(s\) are not socket inodes/.test(m)));
  // The good row before the damage is still checked.
  assert.match(only(bad, 'gpu/mining-pool-connection')[0].message, /203\.0\.113\.50:3333/);
});

test('hostile tables: bounded rows, no quadratic work on long lines', { timeout: 120_000 }, () => {
  const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  const row = '   0: 0100007F:0CEA 0100007F:0D05 01 00000000:00000000 00:00000000 00000000     0        0 5 1 0000000000000000 20 4 30 10 -1\n';
  const big = parseNetTable(header + row.repeat(MAX_NET_ROWS + 10), 'tcp');
  assert.equal(big.rows.length, MAX_NET_ROWS);
  assert.match(big.issues.join(), /more than 65536 sockets/);
  const junkTable = (n: number) => header + `   0: ${'0'.repeat(4 * n)}\n` + ' '.repeat(2 * n) + '\n' + ':'.repeat(n);
  const junk = parseNetTable(junkTable(500_000), 'tcp');
  assert.equal(junk.rows.length, 0);
  assert.match(junk.issues.join(), /2 malformed line/);
  // Time grows linearly with the long lines (test/helpers/growth.ts: n and 8n in this test).
  const ratio = growth(junkTable, (t) => parseNetTable(t, 'tcp'), 100_000);
  assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
  assert.equal(parseNetTable('', 'tcp6').rows.length, 0);
  assert.equal(parseFdSockets('socket:[12]\n13\n').inodes.size, 2);
});
