// Coverage gaps the archive target cannot close (a corrupt wrapper stream) are judged by rules:
// model/compressed-unscannable (high) when the file is named like a model, otherwise the engine's
// scan/unreadable (medium). With the model rule disabled the gap still surfaces: never silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

/** A gzip stream cut in the middle of its deflate data. */
function truncatedGzip(): Buffer {
  const full = gzipSync(Buffer.from('x'.repeat(4000) + Array.from({ length: 4000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('')));
  return full.subarray(0, Math.floor(full.length / 2));
}

const ids = (r: Awaited<ReturnType<typeof scanPaths>>, path: string) =>
  r.findings.filter((f) => f.location.path === path).map((f) => `${f.ruleId}:${f.severity}`).sort();

test('a truncated gzip named like a model is model/compressed-unscannable (high); named otherwise it is scan/unreadable', async () => {
  const t = tmpTree({ 'model.pkl.gz': truncatedGzip(), 'notes.txt.gz': truncatedGzip() });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    assert.ok(ids(r, 'model.pkl.gz').includes('model/compressed-unscannable:high'), ids(r, 'model.pkl.gz').join());
    assert.deepEqual(ids(r, 'notes.txt.gz'), ['scan/unreadable:medium']);
  } finally {
    t.cleanup();
  }
});

test('with model/compressed-unscannable disabled, a corrupt model wrapper is still reported (scan/unreadable)', async () => {
  const t = tmpTree({ 'model.pkl.gz': truncatedGzip() });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false, disable: ['model/compressed-unscannable'] });
    assert.ok(ids(r, 'model.pkl.gz').length > 0 && ids(r, 'model.pkl.gz').every((id) => id === 'scan/unreadable:medium'), ids(r, 'model.pkl.gz').join());
    assert.ok(r.errors.some((e) => e.path === 'model.pkl.gz' && e.ruleId === 'scan/unreadable'));
  } finally {
    t.cleanup();
  }
});
