import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeInvocation } from '../../src/rules/platform/site-rules.js';
import { splitShell, commandsOf } from '../../src/parsers/ml-services/shell.js';
import { parseK8sText } from '../../src/parsers/k8s/k8s.js';
import { parseYamlText } from '../../src/parsers/yaml/yaml.js';
import { buildComposeModel } from '../../src/parsers/compose/compose.js';
import { looksLikeSecretName } from '../../src/knowledge/credential-names.js';

const rules = (a: ReturnType<typeof judgeInvocation>) => a.issues.map((i) => i.rule).sort();

test('splits shell commands with quotes and separators, unwrapping sh -c', () => {
  assert.deepEqual(splitShell(`pip install x && exec mlflow server --host '0.0.0.0' ; echo "a b"`).map((c) => c.map((w) => w.text)), [
    ['pip', 'install', 'x'], ['exec', 'mlflow', 'server', '--host', '0.0.0.0'], ['echo', 'a b'],
  ]);
  const cmds = commandsOf(['/bin/sh', '-c', 'exec vllm serve m --trust-remote-code']);
  assert.deepEqual(cmds[0].argv, ['vllm', 'serve', 'm', '--trust-remote-code']);
});

test('analyzes a Dockerfile-style argv without any Kubernetes context (reusable for CMD/ENTRYPOINT)', () => {
  assert.deepEqual(rules(judgeInvocation({ argv: ['python3', '-m', 'vllm.entrypoints.openai.api_server', '--model', 'm', '--trust-remote-code'] })), ['platform/trust-remote-code', 'platform/vllm-no-api-key']);
  assert.deepEqual(rules(judgeInvocation({ argv: ['vllm', 'serve', 'm'], env: { VLLM_API_KEY: 'k' } })), []);
  assert.deepEqual(rules(judgeInvocation({ argv: ['mlflow', 'server', '--host', '127.0.0.1'] })), []);
  assert.deepEqual(rules(judgeInvocation({ argv: ['mlflow', 'server', '--host=0.0.0.0', '--app-name', 'basic-auth'] })), []);
  assert.deepEqual(rules(judgeInvocation({ argv: ['torchserve', '--start', '--disable-token-auth', '--enable-model-api'] })), ['platform/torchserve-model-api-enabled', 'platform/torchserve-token-auth-disabled']);
  assert.deepEqual(rules(judgeInvocation({ argv: ['ray', 'start', '--head', '--dashboard-host=0.0.0.0'], env: { RAY_AUTH_MODE: 'token' } })), ['platform/ray-dashboard-all-interfaces']);
  assert.deepEqual(rules(judgeInvocation({ argv: ['ray', 'start', '--address=head:6379'] })), [], 'workers are not heads');
});

test('environment aliases count', () => {
  assert.deepEqual(rules(judgeInvocation({ image: 'pytorch/torchserve:0.11.0', env: { TS_DISABLE_TOKEN_AUTHORIZATION: 'true' } })), ['platform/torchserve-token-auth-disabled']);
  assert.deepEqual(rules(judgeInvocation({ env: { OLLAMA_HOST: '0.0.0.0:11434' } })), ['platform/ollama-all-interfaces']);
  assert.deepEqual(rules(judgeInvocation({ env: { OLLAMA_HOST: '127.0.0.1:11434' } })), []);
});

test('secret names: credentials yes, ids/paths/urls no', () => {
  for (const n of ['HF_TOKEN', 'WANDB_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'OPENAI_API_KEY']) assert.ok(looksLikeSecretName(n), n);
  for (const n of ['AWS_ACCESS_KEY_ID', 'HF_TOKEN_PATH', 'PASSWORD_FILE', 'TOKENIZERS_PARALLELISM', 'PUBLIC_KEY']) assert.ok(!looksLikeSecretName(n), n);
});

test('hostile input: deep nesting and huge lists stay bounded', async () => {
  const deep = 'apiVersion: x/v1\nkind: Weird\nspec: ' + '{a: '.repeat(300) + '1' + '}'.repeat(300) + '\n';
  const m = parseK8sText(deep);
  assert.equal(m.pods.length, 0);
  const many = 'apiVersion: v1\nkind: List\nitems:\n' + Array.from({ length: 3000 }, (_, i) => `  - {apiVersion: v1, kind: Pod, metadata: {name: p${i}}, spec: {containers: [{name: c, image: i}]}}`).join('\n');
  assert.equal(parseK8sText(many).pods.length, 3000);
  const merge = 'a: &a {x: 1}\nservices:\n  s:\n    <<: [*a, *a, *a]\n    image: i\n';
  assert.equal(buildComposeModel(parseYamlText(merge)).services[0].value.x, 1);
  // Nesting deep enough to overflow the YAML library's stack becomes a per-file error, not a crash.
  const { tmpTree } = await import('../helpers/tmp.js');
  const { scanPaths } = await import('../../src/scan/scan-paths.js');
  const t = tmpTree({ 'deep.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n', 'ok.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {hostPID: true, containers: [{name: c, image: i}]}\n' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    assert.ok(r.findings.some((f) => f.ruleId === 'k8s/host-namespaces'));
    assert.ok(r.errors.some((e) => e.path === 'deep.yaml'));
  } finally {
    t.cleanup();
  }
});
