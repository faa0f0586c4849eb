// Triton's model repository / control API: listing it is a POST, so it is checked only with
// --active (one POST with an empty JSON body); without --active the findings say it was not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeTargets } from '../../src/scan/probe.js';
import { start, type Emulator } from './emulators/server.js';
import * as E from './emulators/services.js';

async function probe(e: Emulator, mode: 'open' | 'secured', active: boolean) {
  const srv = await start(e, mode);
  try {
    const { report } = await probeTargets([srv.url], { active, oversizedBodyBytes: 1024 * 1024, burstRequests: 2, client: { timeoutMs: 3000 } });
    return { report, requests: srv.requests, services: report.inventory.filter((r) => r.kind === 'service') };
  } finally {
    await srv.close();
  }
}

const repoFinding = (r: Awaited<ReturnType<typeof probe>>['report']) => r.findings.filter((f) => f.ruleId === 'endpoint/unauthenticated-sensitive-api' && f.location.url?.endsWith('/v2/repository/index'));

test('without --active the Triton repository API is not called, and the findings say so', async () => {
  const { report, requests, services } = await probe(E.triton, 'open', false);
  assert.ok(requests.every((r) => r.method !== 'POST'), 'no POST without --active');
  assert.ok(!requests.some((r) => r.url.startsWith('/v2/repository')));
  assert.deepEqual(repoFinding(report), []);
  assert.ok(report.findings.length > 0);
  for (const f of report.findings) {
    assert.match(f.message, /Not checked: Triton model repository\/control API \(POST \/v2\/repository\/index\)/);
    assert.ok(((f.properties as { notChecked?: string[] }).notChecked ?? []).length === 1);
  }
  assert.match(String((services[0].notChecked as string[])[0]), /--active/);
});

test('with --active an open Triton repository API is reported (high) after one POST with an empty JSON body', async () => {
  const { report, requests } = await probe(E.triton, 'open', true);
  const posts = requests.filter((r) => r.method === 'POST' && r.url === '/v2/repository/index');
  assert.equal(posts.length, 1);
  const f = repoFinding(report);
  assert.equal(f.length, 1, report.findings.map((x) => `${x.ruleId} ${x.location.url}`).join('\n'));
  assert.equal(f[0].severity, 'high');
  assert.match(f[0].evidence ?? '', /^POST .*\/v2\/repository\/index -> status 200, JSON array for POST body \{\}/);
  assert.ok(!report.findings.some((x) => x.message.includes('Not checked')), 'nothing is left unchecked with --active');
});

test('with --active a restricted Triton repository API (4xx) is not reported', async () => {
  const restricted = await probe(E.tritonRepositoryRestricted(), 'open', true);
  assert.equal(restricted.requests.filter((r) => r.method === 'POST' && r.url === '/v2/repository/index').length, 1);
  assert.deepEqual(repoFinding(restricted.report), []);
  const secured = await probe(E.triton, 'secured', true);
  assert.deepEqual(repoFinding(secured.report), []);
});
