import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseK8sText } from '../../src/parsers/k8s/k8s.js';
import { FIXTURES, byRule, scanFixture } from './helpers.js';

test('finds pod specs inside every ML custom resource and core workload', () => {
  const m = parseK8sText(readFileSync(join(FIXTURES, 'k8s', 'ml-crds.yaml'), 'utf8'));
  const roles = m.pods.map((p) => `${p.obj.kind}:${p.role}:${p.containers.map((c) => c.name).join(',')}`);
  const expected = [
    'Notebook:', 'TFJob:tfReplicaSpecs.PS', 'TFJob:tfReplicaSpecs.Worker', 'MPIJob:mpiReplicaSpecs.Launcher', 'InferenceService:predictor',
    'InferenceService:transformer', 'JobSet:replicatedJobs[0]', 'LeaderWorkerSet:leaderWorkerTemplate.leaderTemplate',
    'LeaderWorkerSet:leaderWorkerTemplate.workerTemplate', 'Workflow:templates[0] (main)', 'Workflow:templates[1] (script)', 'CronJob:jobTemplate',
    'RayJob:rayClusterSpec.headGroupSpec', 'TrainJob:', 'SomethingNew:',
  ];
  for (const e of expected) assert.ok(roles.some((r) => r.startsWith(e)), `missing ${e} in ${roles.join(' | ')}`);
  const isvc = m.pods.find((p) => p.obj.kind === 'InferenceService' && p.role === 'predictor')!;
  assert.deepEqual(isvc.containers.map((c) => c.name).sort(), ['sidecar', 'sklearn']);
});

test('reports each privileged container in ML custom resources at its exact line', async () => {
  const f = byRule(await scanFixture('k8s/ml-crds.yaml', 'k8s/'), 'k8s/privileged-container');
  const text = readFileSync(join(FIXTURES, 'k8s', 'ml-crds.yaml'), 'utf8').split('\n');
  assert.equal(f.length, 15);
  for (const x of f) assert.match(text[x.location.line! - 1], /privileged: true/);
});

test('attributes findings in Helm-rendered output to the chart template, also inside a List', async () => {
  const f = await scanFixture('k8s/helm-rendered.yaml', 'k8s/');
  const priv = byRule(f, 'k8s/privileged-container')[0];
  assert.equal(priv.location.line, 14);
  assert.match(priv.message, /from llm-chart\/templates\/deployment\.yaml/);
  assert.equal(priv.properties?.template, 'llm-chart/templates/deployment.yaml');
  const pid = byRule(f, 'k8s/host-namespaces')[0];
  assert.equal(pid.location.line, 25);
  assert.equal(pid.properties?.template, 'llm-chart/templates/list.yaml');
});

test('reads Kustomize origin annotations as the source of an object', () => {
  const m = parseK8sText('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    config.kubernetes.io/origin: |\n      path: base/pod.yaml\nspec:\n  containers: [{name: a, image: a}]\n');
  assert.equal(m.objects[0].source, 'base/pod.yaml');
});

test('reads JSON manifests (kubectl get -o json List)', async () => {
  const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'c@sha256:' + 'a'.repeat(64) }] } }] }, null, 2);
  const { tmpTree } = await import('../helpers/tmp.js');
  const t = tmpTree({ 'pods.json': json });
  try {
    const { scanPaths } = await import('../../src/scan/scan-paths.js');
    const r = await scanPaths(['pods.json'], { cwd: t.dir, gitignore: false });
    assert.ok(r.findings.some((x) => x.ruleId === 'k8s/host-namespaces'));
  } finally {
    t.cleanup();
  }
});
