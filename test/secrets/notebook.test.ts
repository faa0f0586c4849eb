import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { parseNotebookText } from '../../src/parsers/notebook/notebook.js';
import { cli } from '../helpers/cli.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'secrets');

test('finds secrets in notebook outputs with cell, output, pointer and raw .ipynb line', async () => {
  const r = await scanPaths(['leaky.ipynb'], { cwd: FIX });
  const got = r.findings.map((f) => [f.ruleId, f.location.line, f.location.jsonPointer, f.properties?.cell, f.properties?.output]);
  assert.deepEqual(got, [
    ['secrets/huggingface-token', 38, '/cells/2/outputs/0/text', 2, 0],
    ['secrets/wandb-api-key', 40, '/cells/2/outputs/0/text', 2, 0],
    ['secrets/database-url', 61, '/cells/3/outputs/0/data/text~1html', 3, 0],
    ['secrets/google-api-key', 107, '/cells/5/outputs/0/traceback', 5, 0],
  ]);
  const raw = readFileSync(join(FIX, 'leaky.ipynb'), 'utf8').split('\n');
  assert.match(raw[37], /hf_/);
  assert.match(r.findings[0].message, /cell 2, output 0 \(stdout\)/);
});

test('honours an inline mlwarden-ignore comment in a notebook cell', async () => {
  const r = await scanPaths(['leaky.ipynb'], { cwd: FIX });
  assert.equal(r.suppressed.length, 1);
  assert.equal(r.suppressed[0].ruleId, 'secrets/github-token');
  assert.equal(r.suppressed[0].suppression?.reason, 'revoked 2024-05, kept for the tutorial');
});

test('a notebook with cleared outputs and no keys is clean', async () => {
  const r = await scanPaths(['clean.ipynb'], { cwd: FIX });
  assert.deepEqual(r.findings, []);
});

test('the notebook parser skips image payloads and strips ANSI codes from tracebacks', () => {
  const nb = parseNotebookText(readFileSync(join(FIX, 'leaky.ipynb'), 'utf8'));
  assert.ok(!nb.texts.some((t) => t.mime?.startsWith('image/')));
  const tb = nb.texts.find((t) => t.jsonPointer.endsWith('/traceback'));
  assert.ok(tb && !tb.text.includes('\u001b'));
});

test('a malformed notebook is still scanned as text', async () => {
  const { tmpTree } = await import('../helpers/tmp.js');
  const tree = tmpTree({ 'broken.ipynb': readFileSync(join(FIX, 'leaky.ipynb'), 'utf8').slice(0, 1700) });
  try {
    const r = await scanPaths(['broken.ipynb'], { cwd: tree.dir });
    assert.ok(r.findings.some((f) => f.ruleId === 'secrets/huggingface-token'));
  } finally {
    tree.cleanup();
  }
});

test('decodes Kubernetes Secret data (and the docker config inside it) with YAML positions', async () => {
  const r = await scanPaths(['secret.yaml'], { cwd: FIX });
  const got = r.findings.map((f) => [f.ruleId, f.location.line, f.properties?.kubernetesSecret]).sort();
  assert.deepEqual(got, [
    ['secrets/docker-registry-auth', 16, 'regcred'],
    ['secrets/huggingface-token', 7, 'trainer-credentials'],
  ]);
});

test('masks secrets in every format unless --no-mask, and fingerprints by the secret', async () => {
  const token = /hf_[A-Za-z]{34}/.exec(readFileSync(join(FIX, 'leaky.ipynb'), 'utf8'))![0];
  for (const format of ['json', 'sarif', 'table', 'github']) {
    const r = await cli(['scan', 'leaky.ipynb', '--format', format, '--fail-on', 'none'], { cwd: FIX });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(token), `${format} leaks the token`);
  }
  const unmasked = await cli(['scan', 'leaky.ipynb', '--format', 'json', '--no-mask', '--fail-on', 'none'], { cwd: FIX });
  assert.ok(unmasked.stdout.includes(token));
  const a = await scanPaths(['leaky.ipynb'], { cwd: FIX });
  const f = a.findings.find((x) => x.ruleId === 'secrets/huggingface-token')!;
  assert.ok(!f.message.includes(token));
});
