// KubeRay's `spec.authOptions.mode: token` (KubeRay 1.5, Ray 2.52) is Ray token authentication: the
// operator sets RAY_AUTH_MODE=token on every Ray container. It was read as missing (#18).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

const cluster = (authOptions: string, kind = 'RayCluster') => {
  const spec = `  ${authOptions}
  headGroupSpec:
    rayStartParams: { dashboard-host: 0.0.0.0 }
    template:
      spec:
        containers:
          - name: ray-head
            image: rayproject/ray:2.53.0@sha256:${'b'.repeat(64)}
`;
  if (kind === 'RayJob') return `apiVersion: ray.io/v1\nkind: RayJob\nmetadata: { name: job, namespace: ml }\nspec:\n  entrypoint: python train.py\n  rayClusterSpec:\n${spec.replace(/^/gm, '  ')}`;
  return `apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: { name: rc, namespace: ml }\nspec:\n${spec}`;
};

async function tokenAuthOff(yaml: string): Promise<Array<{ line?: number; message: string }>> {
  const t = tmpTree({ 'ray.yaml': yaml });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    return r.findings.filter((f) => f.ruleId === 'platform/ray-token-auth-off').map((f) => ({ line: f.location.line, message: f.message }));
  } finally {
    t.cleanup();
  }
}

test('a RayCluster with authOptions.mode: token has token authentication', async () => {
  assert.deepEqual(await tokenAuthOff(cluster('authOptions: { mode: token }')), []);
  assert.deepEqual(await tokenAuthOff(cluster("authOptions:\n    mode: 'token'")), []);
});

test('a RayJob embeds its cluster spec: authOptions there counts too', async () => {
  assert.deepEqual(await tokenAuthOff(cluster('authOptions: { mode: token }', 'RayJob')), []);
  assert.equal((await tokenAuthOff(cluster('', 'RayJob'))).length, 1);
});

test('without authOptions, or with another mode, the head runs without token authentication (at the mode line)', async () => {
  assert.equal((await tokenAuthOff(cluster(''))).length, 1);
  const off = await tokenAuthOff(cluster('authOptions: { mode: disabled }'));
  assert.equal(off.length, 1);
  assert.equal(off[0].line, 5);
  assert.match(off[0].message, /'disabled'/);
});
