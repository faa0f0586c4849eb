import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { judgeInvocation } from '../../src/rules/platform/site-rules.js';
import { FIXTURES } from './helpers.js';

const TRITON = ['platform/triton-explicit-model-control', 'platform/triton-poll-model-repository', 'platform/triton-metrics-all-interfaces'];

async function tritonFindings(files: string[]): Promise<string[]> {
  const r = await scanPaths(files, { cwd: FIXTURES, gitignore: false });
  return r.findings.filter((f) => TRITON.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.location.path}:${f.location.line} ${f.severity}`).sort();
}

test('Triton: explicit model control without a restricted model-repository API, poll mode and metrics on all interfaces, exposed by Services in another file', async () => {
  assert.deepEqual(await tritonFindings(['platform/triton.yaml', 'platform/triton-services.yaml']), [
    'platform/triton-explicit-model-control platform/triton.yaml:19 critical',
    'platform/triton-explicit-model-control platform/triton.yaml:38 critical',
    'platform/triton-metrics-all-interfaces platform/triton.yaml:20 low',
    'platform/triton-poll-model-repository platform/triton.yaml:55 medium',
  ]);
});

test('Triton: without the Services the model-control findings are lower and the metrics bind is not reported', async () => {
  assert.deepEqual(await tritonFindings(['platform/triton.yaml']), [
    'platform/triton-explicit-model-control platform/triton.yaml:19 medium',
    'platform/triton-explicit-model-control platform/triton.yaml:38 medium',
    'platform/triton-poll-model-repository platform/triton.yaml:55 medium',
  ]);
});

test('Triton secure variants (none, restricted on both endpoints, gRPC off, loopback, metrics off or bound) fire nothing, even behind a LoadBalancer', async () => {
  assert.deepEqual(await tritonFindings(['platform/secure/triton.yaml']), []);
});

test('Triton: the restriction must name model-repository and carry a non-empty value', () => {
  const rules = (argv: string[]) => judgeInvocation({ argv }).issues.map((i) => i.rule).filter((r) => r === 'platform/triton-explicit-model-control');
  const base = ['tritonserver', '--model-control-mode=explicit', '--allow-grpc=false'];
  assert.deepEqual(rules([...base, '--http-restricted-api=model-repository:k=v']), []);
  assert.deepEqual(rules([...base, '--http-restricted-api=model-config,model-repository,k=v']), [], 'help-text form <apis>,<key>=<value>');
  assert.deepEqual(rules([...base, '--http-restricted-api=statistics:k=v']), ['platform/triton-explicit-model-control']);
  assert.deepEqual(rules([...base, '--http-restricted-api=model-repository:k=']), ['platform/triton-explicit-model-control']);
  assert.deepEqual(rules([...base, '--http-restricted-api=shared-memory:k=v', '--http-restricted-api=model-repository:k2=v2']), [], 'repeated flag, one group per API set');
  assert.deepEqual(rules(['tritonserver', '--model-control-mode=none']), []);
});
