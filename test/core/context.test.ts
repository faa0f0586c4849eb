// The context model: where a file sits caps configuration findings (never model payloads or
// secrets), is judged relative to the scan root, is visible in the report, and can be switched off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { contextOf } from '../../src/knowledge/contexts.js';
import { tmpTree } from '../helpers/tmp.js';
import { openaiProject } from '../secrets/tokens.js';

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata: { name: trainer, namespace: ml }
spec:
  containers:
    - name: t
      image: pytorch/pytorch@sha256:${'a'.repeat(64)}
      securityContext: { privileged: true }
      resources: { limits: { nvidia.com/gpu: 1 } }
`;

const privileged = (r: Awaited<ReturnType<typeof scanPaths>>, path: string) => r.findings.find((f) => f.location.path === path && f.ruleId === 'k8s/gpu-privileged-container');

test('contextOf reads folder names and test file names, production otherwise', () => {
  const cases: Array<[string, string]> = [
    ['deploy/prod/pod.yaml', 'production'],
    ['ray-operator/config/samples/ray-cluster.yaml', 'example'],
    ['internal/state/testdata/golden/driver.yaml', 'test'],
    ['docs/samples/v1beta1/sklearn.yaml', 'example'],
    ['hack/e2e/setup.yaml', 'test'],
    ['install/v0.11.0/kserve.yaml', 'archive'],
    ['vendor/github.com/x/y.yaml', 'vendored'],
    ['pkg/loader_test.py', 'test'],
    ['src/test_loader.py', 'test'],
    ['src/contest.py', 'production'],
    ['charts/latest/values.yaml', 'production'],
    ['pod.yaml', 'production'],
  ];
  for (const [path, kind] of cases) assert.equal(contextOf(path).kind, kind, path);
});

test('the same privileged GPU pod is critical under deploy/ and capped at low under test/, with its context in the report', async () => {
  const t = tmpTree({ 'deploy/pod.yaml': PRIVILEGED, 'test/fixtures/pod.yaml': PRIVILEGED });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    const prod = privileged(r, 'deploy/pod.yaml');
    const fixture = privileged(r, 'test/fixtures/pod.yaml');
    assert.ok(prod && fixture);
    assert.equal(prod.severity, 'critical');
    assert.equal(prod.properties?.context, undefined);
    assert.equal(fixture.severity, 'low');
    assert.deepEqual(fixture.properties?.context, { kind: 'test', why: 'test/', severityInProduction: 'critical' });
    assert.equal(prod.fingerprint === fixture.fingerprint, false);
    assert.ok(r.stats.contextCapped >= 1);
  } finally {
    t.cleanup();
  }
});

test('--context production judges every file as deployed', async () => {
  const t = tmpTree({ 'test/fixtures/pod.yaml': PRIVILEGED });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false, context: 'production' });
    assert.equal(privileged(r, 'test/fixtures/pod.yaml')?.severity, 'critical');
    assert.equal(r.stats.contextCapped, 0);
  } finally {
    t.cleanup();
  }
});

test('a folder above the scan root does not count: a repository cloned under tests/ is production', async () => {
  const t = tmpTree({ 'tests/checkout/deploy/pod.yaml': PRIVILEGED });
  try {
    const r = await scanPaths(['tests/checkout'], { cwd: t.dir, gitignore: false });
    assert.equal(privileged(r, join('tests/checkout/deploy/pod.yaml'))?.severity, 'critical');
  } finally {
    t.cleanup();
  }
});

test('secrets and model payloads are not capped by context: a live key in a fixture is still leaked', async () => {
  const t = tmpTree({ 'tests/fixtures/.env': `OPENAI_API_KEY=${openaiProject()}\n` });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    const f = r.findings.find((x) => x.ruleId.startsWith('secrets/'));
    assert.ok(f, JSON.stringify(r.findings.map((x) => x.ruleId)));
    assert.notEqual(f.severity, 'low');
    assert.equal((f.properties?.context as { kind: string }).kind, 'test');
    assert.equal((f.properties?.context as { severityInProduction?: string }).severityInProduction, undefined);
  } finally {
    t.cleanup();
  }
});
