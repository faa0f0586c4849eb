// A setting whose value comes from `valueFrom.secretKeyRef` is set — the way credentials should be
// given — with a value the manifest does not show: missing-setting checks see it, value checks
// cannot judge it (#18: an API key from a Secret was reported as no API key at all).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

const vllm = (env: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: llm, namespace: ml }
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.9.0@sha256:${'c'.repeat(64)}
          args: ["--model", "/models/llm"]
${env}`;

async function ids(yaml: string): Promise<string[]> {
  const t = tmpTree({ 'deploy.yaml': yaml });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    return r.findings.filter((f) => f.ruleId.startsWith('platform/')).map((f) => f.ruleId).sort();
  } finally {
    t.cleanup();
  }
}

test('VLLM_API_KEY from a Secret is an API key', async () => {
  const fromSecret = '          env:\n            - name: VLLM_API_KEY\n              valueFrom: { secretKeyRef: { name: vllm, key: api-key } }\n';
  assert.ok(!(await ids(vllm(fromSecret))).includes('platform/vllm-no-api-key'));
  assert.ok((await ids(vllm(''))).includes('platform/vllm-no-api-key'));
});

test('a value from a Secret is not judged by a value check (RAY_AUTH_MODE from a Secret is not "not token")', async () => {
  const ray = `apiVersion: ray.io/v1
kind: RayCluster
metadata: { name: rc, namespace: ml }
spec:
  headGroupSpec:
    rayStartParams: {}
    template:
      spec:
        containers:
          - name: ray-head
            image: rayproject/ray:2.53.0@sha256:${'d'.repeat(64)}
            env:
              - name: RAY_AUTH_MODE
                valueFrom: { secretKeyRef: { name: ray, key: mode } }
`;
  assert.ok(!(await ids(ray)).includes('platform/ray-token-auth-off'));
});
