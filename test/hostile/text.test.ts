// Hostile text that used to hang the scanner (super-linear work on attacker input; before the fixes
// each input took minutes). Each test checks the result and that the time grows linearly from n to
// 8n (test/helpers/growth.ts); the timeouts only stop a regression from stalling the whole suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE_RULES } from '../../src/rules/platform/site-rules.js';
import { configKind } from '../../src/parsers/ml-services/config-files.js';
import { dockerfileSites } from '../../src/parsers/ml-services/sites.js';
import { parseDockerfile } from '../../src/parsers/dockerfile/dockerfile.js';
import { TextModel } from '../../src/parsers/text/text.js';
import { parseContainerCliVersion } from '../../src/parsers/gpu/versions.js';
import { growth, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';

function assertLinear<T>(make: (n: number) => T, run: (input: T) => unknown, n: number): void {
  const ratio = growth(make, run, n);
  assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
}

test('an .ini file of blank lines is classified without quadratic backtracking', { timeout: 120_000 }, () => {
  // `/^\s*\[mlflow\]/m` retried \s* across every following newline from each line start: O(n²).
  const blankLines = (n: number) => '\n'.repeat(n) + 'x';
  assert.equal(configKind('settings.ini', blankLines(200_000)), undefined);
  assertLinear(blankLines, (t) => configKind('settings.ini', t), 200_000);
  // `\r` ends a line for `^` in multiline mode too, so a whitespace class that admits it is as slow.
  const tabReturns = (n: number) => '\t\r'.repeat(n);
  assert.equal(configKind('settings.ini', tabReturns(100_000)), undefined);
  assertLinear(tabReturns, (t) => configKind('settings.ini', t), 100_000);
  assert.equal(configKind('settings.ini', '\n\n  [mlflow]\nx=1\n')?.service, 'mlflow');
  assert.equal(configKind('settings.ini', '\r\n\t[mlflow]\r\n')?.service, 'mlflow');
  assert.equal(configKind('settings.ini', 'a = [mlflow]\n'), undefined);
});

test('a Dockerfile with many ENV lines is analysed in linear time', { timeout: 120_000 }, () => {
  // dockerfileSites recomputed varsAt() (a walk over all earlier instructions) for every ENV.
  const dockerfile = (n: number) => {
    const env = Array.from({ length: n }, (_, i) => `ENV V${i}=x${i}`).join('\n');
    return parseDockerfile(new TextModel(`FROM python:3.12\nARG PORT=5000\n${env}\nENV HOST=0.0.0.0 P=$PORT\nCMD ["mlflow", "server", "--host", "$HOST"]\n`));
  };
  const sites = dockerfileSites(dockerfile(5_000));
  // HOST, set after thousands of ENV lines, still reaches the CMD: MLflow listens beyond localhost.
  assert.deepEqual(sites.flatMap((s) => SITE_RULES.filter((r) => r.judge(s.analysis, s.kind).length > 0).map((r) => r.meta.id)), ['platform/mlflow-no-auth']);
  assertLinear(dockerfile, dockerfileSites, 5_000);
});

test('nvidia-container-cli version banners of blank lines parse in linear time', { timeout: 120_000 }, () => {
  const blankLines = (n: number) => '\n'.repeat(n);
  assert.deepEqual(parseContainerCliVersion(blankLines(200_000)), { cliVersion: undefined, legacy: true });
  assertLinear(blankLines, parseContainerCliVersion, 200_000);
  assert.equal(parseContainerCliVersion('cli-version: 1.17.8\nlib-version: 1.17.8\n').cliVersion, '1.17.8');
  assert.equal(parseContainerCliVersion('  version: 1.3.0\n').cliVersion, '1.3.0');
});
