// Hostile text that used to hang the scanner (super-linear work on attacker input).
// Sizes are small enough to finish in well under a second once linear; before the fixes each took
// minutes. The timeouts only stop a regression from stalling the whole suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { configKind } from '../../src/parsers/ml-services/config-files.js';
import { tmpTree } from '../helpers/tmp.js';

test('an .ini file of blank lines is classified without quadratic backtracking', { timeout: 20_000 }, () => {
  // `/^\s*\[mlflow\]/m` retried \s* across every following newline from each line start: O(n²).
  const text = '\n'.repeat(200_000) + 'x';
  assert.equal(configKind('settings.ini', text), undefined);
  // `\r` ends a line for `^` in multiline mode too, so a whitespace class that admits it is as slow.
  assert.equal(configKind('settings.ini', '\t\r'.repeat(100_000)), undefined);
  assert.equal(configKind('settings.ini', '\n\n  [mlflow]\nx=1\n')?.service, 'mlflow');
  assert.equal(configKind('settings.ini', '\r\n\t[mlflow]\r\n')?.service, 'mlflow');
  assert.equal(configKind('settings.ini', 'a = [mlflow]\n'), undefined);
});

test('a Dockerfile with many ENV lines is analysed in linear time', { timeout: 30_000 }, async () => {
  // dockerfileSites recomputed varsAt() (a walk over all earlier instructions) for every ENV.
  const n = 40_000;
  const env = Array.from({ length: n }, (_, i) => `ENV V${i}=x${i}`).join('\n');
  const t = tmpTree({ Dockerfile: `FROM python:3.12\nARG PORT=5000\n${env}\nENV HOST=0.0.0.0 P=$PORT\nCMD ["mlflow", "server", "--host", "$HOST"]\n` });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    assert.deepEqual(r.errors, []);
  } finally {
    t.cleanup();
  }
});

test('nvidia-container-cli version banners of blank lines parse in linear time', { timeout: 20_000 }, async () => {
  const { parseContainerCliVersion } = await import('../../src/parsers/gpu/versions.js');
  assert.deepEqual(parseContainerCliVersion('\n'.repeat(200_000)), { cliVersion: undefined, legacy: true });
  assert.equal(parseContainerCliVersion('cli-version: 1.17.8\nlib-version: 1.17.8\n').cliVersion, '1.17.8');
  assert.equal(parseContainerCliVersion('  version: 1.3.0\n').cliVersion, '1.3.0');
});
