// Plain-HTTP findings only make sense for remote origins, and tests stay on 127.0.0.1: the
// loopbackAsRemote seam judges the loopback emulators as if they were remote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeTargets } from '../../src/scan/probe.js';
import { start, type Emulator } from './emulators/server.js';
import { startGrpc } from './emulators/grpc.js';
import * as E from './emulators/services.js';

const PLAIN = 'endpoint/plaintext-http';

async function probe(e: Emulator, mode: 'open' | 'secured', loopbackAsRemote: boolean) {
  const srv = await start(e, mode);
  try {
    const { report } = await probeTargets([srv.url], { loopbackAsRemote, matchAdvisories: () => [], client: { timeoutMs: 3000 } });
    return report.findings.filter((f) => f.ruleId === PLAIN);
  } finally {
    await srv.close();
  }
}

test('flags a remote service on plain HTTP: low when open, medium when its credentials cross in clear', async () => {
  const open = await probe(E.ray, 'open', true);
  assert.deepEqual(open.map((f) => f.severity), ['low']);
  const secured = await probe(E.mlflow, 'secured', true);
  assert.deepEqual(secured.map((f) => f.severity), ['medium']);
  assert.match(secured[0].message, /clear text/);
});

test('no plain-HTTP finding for loopback origins or HTTPS services', async () => {
  assert.deepEqual(await probe(E.ray, 'open', false), []);
  assert.deepEqual(await probe(E.kubelet, 'open', true), []);
});

test('flags a remote token-secured Ray GCS on h2c as medium and nothing else', async () => {
  const srv = await startGrpc('ray-gcs', 'token');
  try {
    const { report } = await probeTargets([`127.0.0.1:${srv.port}`], { loopbackAsRemote: true, client: { timeoutMs: 3000 } });
    assert.deepEqual(report.findings.map((f) => [f.ruleId, f.severity]), [[PLAIN, 'medium']]);
  } finally {
    await srv.close();
  }
});
