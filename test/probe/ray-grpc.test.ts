// Ray's gRPC ports (GCS, client server) over HTTP/2 cleartext: recognised by one read-only unary
// call each; open -> critical finding with the request and evidence; token-secured -> identified,
// no finding; gRPC decoys, HTTP/1 servers and non-HTTP listeners -> nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeTargets } from '../../src/scan/probe.js';
import { GRPC_SERVICES, wellKnownPorts } from '../../src/knowledge/probe/index.js';
import { encodeMessage, fields } from '../../src/io/protobuf.js';
import { MemorySource } from '../../src/io/sources.js';
import { WindowReader } from '../../src/io/window-reader.js';
import { matchReply, frame, unframe } from '../../src/targets/http/grpc.js';
import { expandTargets } from '../../src/targets/http/origins.js';
import { cli } from '../helpers/cli.js';
import { RAY_TOKEN, startGrpc, startRawDecoy, type GrpcKind, type GrpcMode } from './emulators/grpc.js';

const RULE = 'endpoint/unauthenticated-ray-grpc';

async function probeGrpc(kind: GrpcKind, mode: GrpcMode, extra: Parameters<typeof probeTargets>[1] = {}) {
  const srv = await startGrpc(kind, mode);
  try {
    const { report, stats } = await probeTargets([`127.0.0.1:${srv.port}`], { client: { timeoutMs: 3000 }, ...extra });
    return { report, stats, calls: srv.calls, services: report.inventory.filter((r) => r.kind === 'service') };
  } finally {
    await srv.close();
  }
}

for (const [kind, method] of [
  ['ray-gcs', 'ray.rpc.NodeInfoGcsService/GetClusterId'],
  ['ray-client', 'ray.rpc.RayletDriver/ClusterInfo'],
] as const) {
  test(`reports an unauthenticated ${kind} port as critical with the gRPC request and evidence`, async () => {
    const { report, calls, services, stats } = await probeGrpc(kind, 'open');
    assert.deepEqual(services.map((s) => [s.service, s.auth, s.protocol]), [[kind, 'open', 'grpc']]);
    const f = report.findings.filter((x) => x.ruleId === RULE);
    assert.equal(f.length, 1, report.findings.map((x) => `${x.ruleId} ${x.message}`).join('\n'));
    assert.equal(f[0].severity, 'critical');
    assert.ok(f[0].location.url?.endsWith(`/${method}`), f[0].location.url);
    assert.match(f[0].evidence ?? '', /grpc-status 0 \(OK\), reply/);
    const props = f[0].properties as { request: { method: string; url: string }; grpcMethod: string };
    assert.equal(props.request.method, 'POST');
    assert.equal(props.grpcMethod, method);
    assert.deepEqual(report.findings.map((x) => x.ruleId), [RULE], 'loopback h2c: no plaintext finding');
    // One read-only unary call per gRPC fingerprint at most, stopping at the one recognised (on an
    // ephemeral port no fingerprint's port hint applies, so the table order decides).
    const grpcCalls = calls.filter((c) => c.headers['content-type'] === 'application/grpc');
    assert.equal(grpcCalls.at(-1)?.path, `/${method}`);
    assert.ok(grpcCalls.length <= GRPC_SERVICES.length && new Set(grpcCalls.map((c) => c.path)).size === grpcCalls.length);
    assert.ok(grpcCalls.every((c) => c.method === 'POST' && c.body.length >= 5));
    assert.ok(stats.requests >= 1 && stats.requests <= stats.requestBudget);
  });

  test(`identifies a token-secured ${kind} and reports nothing`, async () => {
    const { report, services, calls } = await probeGrpc(kind, 'token');
    assert.deepEqual(services.map((s) => [s.service, s.auth]), [[kind, 'required']]);
    assert.deepEqual(report.findings, []);
    assert.ok(calls.every((c) => c.headers.authorization === undefined), 'no credentials are invented');
  });
}

test('sends --token as gRPC authorization metadata to the named origin only, and then reports no exposure', async () => {
  const { report, services, calls } = await probeGrpc('ray-gcs', 'token', { headers: { authorization: `Bearer ${RAY_TOKEN}` } });
  assert.deepEqual(services.map((s) => [s.service, s.auth]), [['ray-gcs', 'open']]);
  assert.ok(calls.some((c) => c.headers.authorization === `Bearer ${RAY_TOKEN}`));
  assert.deepEqual(report.findings, [], 'with credentials an answer no longer proves the port is open to anyone');
});

test('a generic gRPC server answering UNIMPLEMENTED is not taken for Ray', async () => {
  const { report, services, calls } = await probeGrpc('unimplemented', 'open');
  assert.deepEqual(services, []);
  assert.deepEqual(report.findings, []);
  assert.equal(calls.length, GRPC_SERVICES.length, 'one call per gRPC fingerprint, no more');
});

test('a gRPC server answering OK with an empty reply to every method is not taken for Ray', async () => {
  const { report, services } = await probeGrpc('ok-anything', 'open');
  assert.deepEqual(services, []);
  assert.deepEqual(report.findings, []);
});

test('a token-secured generic gRPC server is not taken for Ray', async () => {
  const { report, services } = await probeGrpc('unimplemented', 'token');
  assert.deepEqual(services, []);
  assert.deepEqual(report.findings, []);
});

test('a plain HTTP/1 server and a non-HTTP listener give no Ray findings', async () => {
  const h1 = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  await new Promise<void>((r) => h1.listen(0, '127.0.0.1', r));
  const raw = await startRawDecoy();
  try {
    const p1 = (h1.address() as AddressInfo).port;
    const { report } = await probeTargets([`127.0.0.1:${p1}`, `127.0.0.1:${raw.port}`], { client: { timeoutMs: 3000 } });
    assert.deepEqual(report.inventory.filter((r) => r.kind === 'service'), []);
    assert.deepEqual(report.findings.filter((f) => f.ruleId !== 'scan/unreadable').map((f) => f.ruleId), []);
    // The non-HTTP listener is named explicitly, so it is reported as not answering (never clean).
    assert.ok(report.errors.some((e) => e.message.includes('no HTTP(S) or gRPC answer')), JSON.stringify(report.errors));
  } finally {
    h1.closeAllConnections();
    await new Promise((r) => h1.close(r));
    await raw.close();
  }
});

test('a bare host expands to the Ray GCS and client-server ports', () => {
  const ports = wellKnownPorts();
  assert.ok(ports.includes(6379) && ports.includes(10001) && ports.includes(8265));
  const origins = expandTargets(['gpu-box'], { wellKnownPorts: ports });
  assert.ok(origins.some((o) => o.port === 10001));
});

test('the CLI reports an open Ray client port and fails on critical', async () => {
  const srv = await startGrpc('ray-client', 'open');
  try {
    const r = await cli(['probe', `127.0.0.1:${srv.port}`, '--format', 'json', '--timeout', '3000']);
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }> };
    assert.deepEqual(out.findings.map((f) => f.ruleId), [RULE]);
    assert.notEqual(r.code, 0);
  } finally {
    await srv.close();
  }
});

test('protobuf: the shared encoder round-trips through the shared reader; replies are matched declaratively and bounded', async () => {
  const m = encodeMessage([{ field: 1, varint: 6 }, { field: 2, bytes: '{}' }]);
  const decoded = [];
  for await (const f of fields(new WindowReader(new MemorySource(m)), 0, m.length)) decoded.push([f.field, f.wire, f.value]);
  assert.deepEqual(decoded, [[1, 0, 6], [2, 2, 2]]);
  assert.equal(unframe(frame(m))?.toString('hex'), m.toString('hex'));
  assert.equal(unframe(Buffer.from([1, 0, 0, 0, 0])), undefined, 'compressed frames are not read');
  const client = GRPC_SERVICES.find((s) => s.id === 'ray-client')!;
  assert.equal(await matchReply(m, client.reply), 'type = 6, json = "{}"');
  assert.equal(await matchReply(Buffer.concat([m, Buffer.from([0x0a, 0x05, 0x01])]), client.reply), undefined, 'a length past the end is rejected');
  assert.equal(await matchReply(Buffer.concat([m, Buffer.from([0x0b])]), client.reply), undefined, 'group wire types are rejected');
  assert.equal(await matchReply(Buffer.concat([m, encodeMessage([{ field: 536_870_912, varint: 1 }])]), client.reply), undefined, 'field numbers past 2^29 - 1 are rejected');
  assert.equal(await matchReply(Buffer.concat([m, encodeMessage(Array.from({ length: 255 }, () => ({ field: 9, varint: 1 })))]), client.reply), undefined, 'more than 256 fields are rejected');
  assert.ok(await matchReply(Buffer.concat([m, encodeMessage(Array.from({ length: 254 }, () => ({ field: 9, varint: 1 })))]), client.reply), '256 fields are read');
  assert.equal(await matchReply(encodeMessage([{ field: 2, bytes: '[1]' }]), client.reply), undefined, 'json must be an object');
  assert.equal(await matchReply(Buffer.alloc(0), client.reply), undefined);
  const gcs = GRPC_SERVICES.find((s) => s.id === 'ray-gcs')!;
  assert.equal(await matchReply(encodeMessage([{ field: 2, bytes: Buffer.alloc(16) }]), gcs.reply), undefined, 'a cluster id is 28 bytes');
  assert.equal(await matchReply(encodeMessage([{ field: 2, bytes: Buffer.alloc(28) }]), gcs.reply), 'cluster_id = 28 bytes');
  assert.equal(await matchReply(encodeMessage([{ field: 1, bytes: Buffer.from([0x0b]) }, { field: 2, bytes: Buffer.alloc(28) }]), gcs.reply), undefined, 'a nested status must parse');
});

test('a gRPC call to an HTTP/1-only server resolves to no answer instead of throwing', async () => {
  const { grpcUnary } = await import('../../src/targets/http/grpc.js');
  const h1 = http.createServer((_req, res) => res.writeHead(200).end('ok'));
  await new Promise<void>((r) => h1.listen(0, '127.0.0.1', r));
  try {
    const port = (h1.address() as AddressInfo).port;
    const r = await grpcUnary({ host: '127.0.0.1', port, method: '/ray.rpc.NodeInfoGcsService/GetClusterId', message: Buffer.alloc(0), timeoutMs: 3000, maxBodyBytes: 1024 });
    assert.equal(r, undefined);
  } finally {
    h1.closeAllConnections();
    await new Promise((r) => h1.close(r));
  }
});

test('gRPC calls count against the request budget and a spent budget is reported', async () => {
  const srv = await startGrpc('ray-client', 'open');
  try {
    // HTTP/1 and TLS detection cost 2 requests; the third is the first gRPC call (GCS: UNIMPLEMENTED here).
    const { report, stats } = await probeTargets([`127.0.0.1:${srv.port}`], { client: { maxRequests: 3, timeoutMs: 3000 } });
    assert.equal(stats.requests, 3);
    assert.equal(srv.calls.length, 1);
    assert.deepEqual(report.findings.filter((f) => f.ruleId === RULE), []);
    assert.ok(report.errors.some((e) => /request budget of 3 was spent/.test(e.message)), JSON.stringify(report.errors));
  } finally {
    await srv.close();
  }
});

test('on a Ray gRPC port behind a front end that also answers HTTP/1, the gRPC call is still made', async () => {
  const net = await import('node:net');
  const h1 = http.createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('no route'));
  const h2 = await startGrpc('ray-gcs', 'open');
  // Sniff the first bytes like Envoy's codec auto-detection: the HTTP/2 preface goes to the gRPC
  // emulator (proxied over loopback), anything else to the HTTP/1 server.
  const front = net.createServer((sock) => {
    sock.once('data', (buf) => {
      sock.pause();
      if (buf.toString('latin1').startsWith('PRI * HTTP/2.0')) {
        const up = net.connect(h2.port, '127.0.0.1', () => {
          up.write(buf);
          sock.pipe(up).pipe(sock);
          sock.resume();
        });
        up.on('error', () => sock.destroy());
        sock.on('error', () => up.destroy());
      } else {
        sock.unshift(buf);
        h1.emit('connection', sock);
        sock.resume();
      }
    });
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  const port = (front.address() as AddressInfo).port;
  try {
    const grpcServices = GRPC_SERVICES.map((g) => ({ ...g, ports: g.id === 'ray-gcs' ? [port] : g.ports }));
    const { report } = await probeTargets([`127.0.0.1:${port}`], { grpcServices, client: { timeoutMs: 3000 } });
    assert.deepEqual(report.findings.map((f) => f.ruleId), [RULE]);
    // Without the port hint, an HTTP answer means HTTP: no gRPC call is made.
    const plain = await probeTargets([`127.0.0.1:${port}`], { client: { timeoutMs: 3000 } });
    assert.deepEqual(plain.report.findings, []);
  } finally {
    h1.closeAllConnections();
    await new Promise((r) => h1.close(r));
    front.close();
    await h2.close();
  }
});
