import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Finding, Report } from '../../src/core/types.js';
import { decodeBzip2 } from '../../src/io/codecs/bzip2.js';
import { decodeLzmaAlone, decodeXz, Window } from '../../src/io/codecs/lzma.js';
import { decodeLz4 } from '../../src/io/codecs/lz4.js';
import { DecompressingSource, MemorySource } from '../../src/io/sources.js';
import { LimitExceededError } from '../../src/core/errors.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-formats', 'compressed');
const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;
let cached: Promise<Report> | undefined;
const report = () => (cached ??= scanPaths(['.'], { cwd: FIX, gitignore: false }));
const of = async (p: string): Promise<Finding[]> => (await report()).findings.filter((f) => f.location.path === p);

async function* chunks(b: Buffer, size = 4096): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function decodeAll(dec: (it: AsyncIterator<Buffer>, label: string) => AsyncGenerator<Buffer>, b: Buffer, size?: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of dec(chunks(b, size)[Symbol.asyncIterator](), 't')) parts.push(c);
  return Buffer.concat(parts);
}

test('bzip2, xz and .lzma wrapped pickles with a payload are opened and the payload is critical', async () => {
  for (const file of ['payload.pkl.bz2', 'payload.pkl.xz', 'payload.pt.xz', 'payload.lzma', 'model.bin', 'concatenated.pkl.bz2', 'concatenated.pkl.xz', 'model.tar.xz', 'model.tar.bz2']) {
    const f = await of(`malicious/${file}`);
    assert.ok(f.some((x) => x.ruleId === 'model/pickle-dangerous-global' && x.severity === 'critical'), `${file}: ${f.map((x) => x.ruleId).join(', ')}`);
    assert.ok(!f.some((x) => x.ruleId === 'model/compressed-unscannable'), file);
  }
});

test("joblib's own bz2, xz, lzma and lz4 compressors are recognised by content, whatever the file is called", async () => {
  for (const file of ['pipeline_bz2.joblib', 'pipeline_xz.joblib', 'pipeline_lzma.joblib', 'pipeline_lz4.joblib', 'payload_linked.pkl.lz4']) {
    const f = await of(`malicious/${file}`);
    assert.ok(f.some((x) => x.ruleId === 'model/pickle-dangerous-global' && x.severity === 'critical'), `${file}: ${f.map((x) => x.ruleId).join(', ')}`);
  }
});

test('real bzip2/xz/lzma wrapped checkpoints and joblib files come out clean', async () => {
  const r = await report();
  const bad = r.findings.filter((f) => f.location.path.startsWith('benign/') && RANK[f.severity] >= RANK.medium);
  assert.deepEqual(bad.map((f) => `${f.location.path} ${f.ruleId} ${f.message}`), []);
  assert.deepEqual(r.errors.filter((e) => e.path.startsWith('benign/')), []);
  const inv = new Map(r.inventory.map((i) => [`${i.path}${i.innerPath ? `!${i.innerPath}` : ''}`, i]));
  assert.equal(inv.get('benign/state.pkl.lzma')?.format, 'pickle+lzma');
  assert.equal(inv.get('benign/model_lz4.joblib')?.format, 'joblib+lz4');
});

test('a truncated or corrupt wrapper around a model is a high finding, never clean', async () => {
  for (const file of ['truncated.pkl.xz', 'truncated.pkl.bz2', 'truncated.joblib', 'truncated_lz4.joblib', 'truncated_bz2.joblib']) {
    const f = await of(`malicious/${file}`);
    const gap = f.find((x) => x.ruleId === 'model/compressed-unscannable');
    assert.ok(gap, `${file}: ${f.map((x) => x.ruleId).join(', ')}`);
    assert.equal(gap.severity, 'high');
    assert.match(gap.message, /corrupt or truncated/);
    // Python unpickles while decompressing: the payload before the damage is still found.
    assert.ok(f.some((x) => x.ruleId === 'model/pickle-dangerous-global' && x.severity === 'critical'), `${file}: payload before the damage`);
  }
});

test('the decoders reproduce the bytes Python wrote, across any input chunking', async () => {
  // benign/state.pkl.* wrap the same pickle.
  const xz = await decodeAll(decodeXz, readFileSync(join(FIX, 'benign', 'state.pkl.xz')), 7);
  const lz = await decodeAll(decodeLzmaAlone, readFileSync(join(FIX, 'benign', 'state.pkl.lzma')), 3);
  const bz = await decodeAll(decodeBzip2, readFileSync(join(FIX, 'benign', 'state.pkl.bz2')), 5);
  const l4 = await decodeAll(decodeLz4, readFileSync(join(FIX, 'benign', 'state.pkl.lz4')), 2);
  assert.equal(xz[0], 0x80);
  assert.ok(xz.equals(lz) && xz.equals(bz) && xz.equals(l4));
});

test('decompressed bzip2 output is counted against the entry cap', async () => {
  // ~1 MB of pickle from a 2 kB stream: over a 64 KiB cap, it fails with a limit error.
  const bomb = readFileSync(join(FIX, 'malicious', 'truncated.pkl.bz2'));
  const src = new DecompressingSource(new MemorySource(bomb), 'bzip2', { maxBytes: 64 * 1024, maxRatio: 200, label: 'bomb' });
  await assert.rejects(src.read(0, 1024 * 1024), (e) => e instanceof LimitExceededError);
});

test('an xz bomb (512 MiB of zeros in 78 kB) stops at the entry cap and at the ratio cap', async () => {
  const bomb = readFileSync(join(process.cwd(), 'test', 'fixtures', 'model-formats', 'bombs', 'zeros.pkl.xz'));
  const capped = new DecompressingSource(new MemorySource(bomb), 'xz', { maxBytes: 2 * 1024 * 1024, maxRatio: 1e9, label: 'bomb' });
  await assert.rejects(capped.read(0, 64 * 1024 * 1024), (e) => e instanceof LimitExceededError && /more than 2097152 bytes/.test(e.message));
  const ratio = new DecompressingSource(new MemorySource(bomb), 'xz', { maxBytes: 256 * 1024 * 1024, maxRatio: 200, label: 'bomb' });
  await assert.rejects(ratio.read(0, 256 * 1024 * 1024), (e) => e instanceof LimitExceededError && /ratio above 200/.test(e.message));
});

test('a .lzma joblib with an uncommon dictionary size is still opened (joblib only checks the `]\\x00` prefix)', async () => {
  // Dictionary 0x18000: header 5d 00 80 01 00, which a check on two zero bytes used to read as a raw pickle.
  const f = await of('malicious/odd_dict.joblib');
  assert.ok(f.some((x) => x.ruleId === 'model/pickle-dangerous-global' && x.severity === 'critical'), f.map((x) => `${x.ruleId} ${x.severity}`).join(', '));
});

test('the LZMA window never answers for history it no longer holds', () => {
  const w = new Window(4096);
  for (let i = 0; i < 5000; i++) w.put(i & 0xff);
  assert.equal(w.has(4096), true);
  assert.equal(w.has(4097), false, 'a distance beyond the kept window must not read stale or missing bytes');
  assert.equal(w.get(1), (4999 & 0xff));
});
