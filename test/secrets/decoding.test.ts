import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText, ruleIds } from './helpers.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import * as t from './tokens.js';

t.seed(99);

test('finds a token inside base64 and names the decoding', async () => {
  const hf = t.hfToken();
  const hits = await scanText(`config_b64: ${Buffer.from(`{"hf_token": "${hf}"}`).toString('base64')}\n`, 'values.yaml');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].secret, hf);
  assert.deepEqual(hits[0].via, ['base64']);
  assert.match(hits[0].evidence, /^\[base64\]/);
});

test('finds a token behind JSON \\u escapes and \\/ escapes', async () => {
  const gh = t.githubToken();
  const escaped = `{"url": "https:\\/\\/ci:${gh.replace('_', '\\u005f')}@github.com\\/o\\/r"}`;
  assert.deepEqual(await ruleIds(escaped, 'a.json'), ['secrets/github-token']);
});

test('finds a URL-encoded credential', async () => {
  const enc = encodeURIComponent(`postgresql://ml:${t.rand(16)}@db.internal:5432/x`);
  assert.deepEqual(await ruleIds(`redirect=${enc}\n`), ['secrets/database-url']);
});

test('stops decoding at the depth limit', async () => {
  let s = `HF_TOKEN=${t.hfToken()}`;
  for (let i = 0; i < 4; i++) s = Buffer.from(s).toString('base64');
  assert.deepEqual(await ruleIds(`x: ${s}\n`), []);
  let two = `HF_TOKEN=${t.hfToken()}`;
  for (let i = 0; i < 2; i++) two = Buffer.from(two).toString('base64');
  assert.deepEqual(await ruleIds(`x: ${two}\n`), ['secrets/huggingface-token']);
});

test('scans archive members like files', async () => {
  const { execFileSync } = await import('node:child_process');
  const tree = tmpTree({ 'src/.env': `OPENAI_API_KEY=${t.openaiProject()}\n` });
  try {
    execFileSync('tar', ['-czf', 'bundle.tar.gz', '-C', 'src', '.env'], { cwd: tree.dir });
    const r = await scanPaths(['bundle.tar.gz'], { cwd: tree.dir });
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.location.innerPath]), [['secrets/openai-api-key', '.env']]);
  } finally {
    tree.cleanup();
  }
});

test('fingerprints survive moving the secret to another line', async () => {
  const key = t.hfToken();
  const a = tmpTree({ 'x.py': `HF=${JSON.stringify(key)}\n` });
  const b = tmpTree({ 'x.py': `import os\n\n\nHF = ${JSON.stringify(key)}  # moved\n` });
  try {
    const fa = (await scanPaths(['x.py'], { cwd: a.dir })).findings[0];
    const fb = (await scanPaths(['x.py'], { cwd: b.dir })).findings[0];
    assert.notEqual(fa.location.line, fb.location.line);
    assert.equal(fa.fingerprint, fb.fingerprint);
  } finally {
    a.cleanup();
    b.cleanup();
  }
});
