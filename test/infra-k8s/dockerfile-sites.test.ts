// ML-service flags in a Dockerfile's ENTRYPOINT/CMD/ENV go through the same analysis as Kubernetes
// containers and compose services.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

const ids = async (files: Record<string, string>) => {
  const t = tmpTree(files);
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    return r.findings.filter((f) => f.ruleId.startsWith('platform/')).map((f) => `${f.ruleId}@${f.location.path}:${f.location.line}`).sort();
  } finally {
    t.cleanup();
  }
};

test('flags an unauthenticated Jupyter and a keyless vLLM started by the image, at the CMD/ENTRYPOINT line', async () => {
  assert.deepEqual(
    await ids({
      'Dockerfile': 'FROM vllm/vllm-openai:v0.6.3\nENTRYPOINT ["python3", "-m", "vllm.entrypoints.openai.api_server"]\nCMD ["--model", "m"]\n',
      'nb/Dockerfile': "FROM quay.io/jupyter/base-notebook:2024-05-01\nCMD start-notebook.py --ServerApp.token=''\n",
    }),
    ['platform/jupyter-no-auth@nb/Dockerfile:2', 'platform/vllm-no-api-key@Dockerfile:2'],
  );
});

test('the secure variants (API key from the environment, a token) and a shell ENTRYPOINT that drops CMD produce nothing', async () => {
  assert.deepEqual(
    await ids({
      'Dockerfile': 'FROM vllm/vllm-openai:v0.6.3\nENTRYPOINT ["python3", "-m", "vllm.entrypoints.openai.api_server"]\nCMD ["--model", "m", "--api-key", "${VLLM_API_KEY}"]\n',
      'nb/Dockerfile': 'FROM quay.io/jupyter/base-notebook:2024-05-01\nCMD start-notebook.py --ServerApp.token="${JUPYTER_TOKEN}"\n',
      'sh/Dockerfile': "FROM quay.io/jupyter/base-notebook:2024-05-01\nENTRYPOINT exec start-notebook.py\nCMD --ServerApp.token=''\n",
    }),
    [],
  );
});

test('--trust-remote-code in a Dockerfile is reported once, by the container rule', async () => {
  const t = tmpTree({ 'Dockerfile': 'FROM vllm/vllm-openai:v0.6.3\nUSER 1000\nCMD ["vllm", "serve", "m", "--trust-remote-code", "--api-key", "${K}"]\n' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    assert.deepEqual(r.findings.filter((f) => /trust-remote-code/.test(f.ruleId)).map((f) => f.ruleId), ['container/trust-remote-code-entrypoint']);
  } finally {
    t.cleanup();
  }
});
