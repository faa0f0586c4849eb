// Evidence captured on a real H100 host while a PyTorch job held GPU memory and a TCP connection
// (test/fixtures/gpu/h100-real-net-580.159.04/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { joinProcNet, parseFdSockets, parseNetTable, formatEndpoint } from '../../src/parsers/gpu/net.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'gpu', 'h100-real-net-580.159.04');
const P = join(DIR, 'proc', '426');

test('real /proc net tables join to the GPU process: its listener and both ends of its loopback connection', () => {
  const fd = parseFdSockets(readFileSync(join(P, 'fd-sockets.txt'), 'utf8'));
  const tcp = parseNetTable(readFileSync(join(P, 'net', 'tcp'), 'utf8'), 'tcp', fd.inodes);
  const net = joinProcNet(fd, { tcp });
  const seen = net.connections.map((c) => `${c.direction} ${formatEndpoint(c.local)} -> ${formatEndpoint(c.remote)} ${c.state}`).sort();
  assert.ok(seen.includes('listen 127.0.0.1:29500 -> 0.0.0.0:0 LISTEN'), seen.join('\n'));
  assert.ok(seen.some((s) => /^outbound 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:29500 ESTABLISHED$/.test(s)), seen.join('\n'));
  assert.ok(seen.some((s) => /^inbound 127\.0\.0\.1:29500 -> 127\.0\.0\.1:\d+ ESTABLISHED$/.test(s)), seen.join('\n'));
});

test('the real capture audits without network findings and with no "not checked" for the process network', async () => {
  const r = await cli(['gpu', '--from', DIR, '-f', 'json', '--fail-on', 'none', '--severity', 'info']);
  const ids = (JSON.parse(r.stdout).findings as Array<{ ruleId: string; location: { innerPath?: string } }>).map((f) => `${f.ruleId} ${f.location.innerPath ?? ''}`);
  assert.ok(ids.includes('gpu/driver-vulnerable nvidia-smi-q.xml'));
  assert.ok(!ids.some((i) => i.startsWith('gpu/mining-pool-connection') || i.startsWith('gpu/process-many-public-peers')), ids.join('\n'));
  assert.ok(!ids.some((i) => i.includes('proc/426/net')), ids.join('\n'));
});
