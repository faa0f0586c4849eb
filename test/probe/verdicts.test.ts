// Fingerprints say what to ask; the endpoint rules say what an answer means. Every check a
// fingerprint can answer must have exactly one verdict in one rule (or its answer would be dropped
// silently), and every verdict must name a check that exists (or it is dead text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GRPC_SERVICES, SERVICES } from '../../src/knowledge/probe/index.js';
import { VERDICTS as app } from '../../src/rules/endpoint/unauthenticated-app.js';
import { VERDICTS as inference } from '../../src/rules/endpoint/unauthenticated-inference.js';
import { VERDICTS as rayGrpc } from '../../src/rules/endpoint/unauthenticated-ray-grpc.js';
import { VERDICTS as sensitive } from '../../src/rules/endpoint/unauthenticated-sensitive-api.js';
import { VERDICTS as metrics } from '../../src/rules/endpoint/metrics-exposed.js';
import { VERDICTS as listing } from '../../src/rules/endpoint/model-listing.js';

const TABLES = { app, inference, rayGrpc, sensitive, metrics, listing };

const checks = [
  ...SERVICES.flatMap((s) => [...(s.checks ?? []), ...(s.active?.posts ?? [])].map((c) => `${s.id}:${c.id}`)),
  ...GRPC_SERVICES.map((s) => `${s.id}:${s.check}`),
];

test('every fingerprint check has exactly one verdict in one endpoint rule', () => {
  const owners = (key: string) => Object.entries(TABLES).filter(([, t]) => Object.hasOwn(t, key)).map(([name]) => name);
  assert.deepEqual(checks.filter((k) => owners(k).length !== 1).map((k) => `${k}: ${owners(k).join(', ') || 'none'}`), []);
  assert.equal(new Set(checks).size, checks.length, 'check keys are unique');
});

test('every verdict names a fingerprint check', () => {
  const known = new Set(checks);
  assert.deepEqual(Object.values(TABLES).flatMap((t) => Object.keys(t)).filter((k) => !known.has(k)), []);
});
