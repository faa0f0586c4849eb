// The windowed analysis (the scan path: the machine resumed window after window) must see exactly
// what the one-buffer analysis sees, whatever the window size: an opcode cut by a window's end is
// re-run whole, never half-applied. Fixtures and seeded mutations of them, windows down to 1 byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { analysePickle, analyseWindowed, type PickleAnalysis } from '../../src/parsers/pickle/analyze.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import { prng } from '../helpers/prng.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-pickle');
const inputs = ['benign', 'malicious'].flatMap((d) => readdirSync(join(FIX, d)).map((f) => ({ name: `${d}/${f}`, buf: readFileSync(join(FIX, d, f)) })));


/** Comparable form: issue order may differ (a past-the-end frame is only known at the end). */
function norm(a: PickleAnalysis): string {
  return JSON.stringify({ ...a, bytes: 0 }, (k, v) => (k === 'issues' && Array.isArray(v) ? [...v].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))) : v));
}

async function windowed(buf: Buffer, window: number, cap = 1 << 30): Promise<PickleAnalysis> {
  const r = await analyseWindowed({ read: async (at, n) => buf.subarray(at, at + n), size: buf.length, cap, window });
  return r!.analysis;
}

test('windowed analysis equals one-buffer analysis on every fixture, for tiny and normal windows', async () => {
  for (const { name, buf } of inputs) {
    const whole = norm(analysePickle(buf, { final: true }));
    for (const w of [1, 3, 64, 4096]) assert.equal(norm(await windowed(buf, w)), whole, `${name} with ${w}-byte windows`);
  }
});

test('windowed analysis equals one-buffer analysis on mutated fixtures', async () => {
  const rnd = prng(7);
  for (let i = 0; i < 300; i++) {
    const src = inputs[Math.floor(rnd() * inputs.length)].buf;
    const b = Buffer.from(src);
    for (let k = 0; k < 3; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    const cut = rnd() < 0.3 ? b.subarray(0, Math.floor(rnd() * b.length)) : b;
    const w = [1, 5, 256][i % 3];
    assert.equal(norm(await windowed(cut, w)), norm(analysePickle(cut, { final: true })), `mutation ${i} with ${w}-byte windows`);
  }
});

test('a stream cut by the analysis cap is reported as capped, with what came before it', async () => {
  const buf = readFileSync(join(FIX, 'malicious', readdirSync(join(FIX, 'malicious')).find((f) => f.endsWith('.pkl'))!));
  const r = await analyseWindowed({ read: async (at, n) => buf.subarray(at, at + n), size: buf.length, cap: buf.length - 2, window: 8 });
  assert.ok(r);
  assert.equal(r.capped, true);
  assert.equal(r.analysis.streams[0].complete, false);
});

test('a maybe-pickle that needs more than giveUpAfter bytes is abandoned', async () => {
  // An unterminated protocol-0 string: the machine keeps asking for more.
  const buf = Buffer.concat([Buffer.from("S'"), Buffer.alloc(100_000, 0x61)]);
  const r = await analyseWindowed({ read: async (at, n) => buf.subarray(at, at + n), size: buf.length, cap: 1 << 30, window: 1024, giveUpAfter: 16 * 1024 });
  assert.equal(r, undefined);
});

test('a zlib-wrapped pickle whose compressed data breaks after the payload still reports the payload', async () => {
  // os.system imported first, then 2 MiB of pushes (past the first window), then corrupt zlib data.
  const pickle = Buffer.concat([Buffer.from('\x80\x04cos\nsystem\n(', 'latin1'), Buffer.alloc(2 << 20, Buffer.from('K\x01', 'latin1')), Buffer.from('t0.', 'latin1')]);
  const z = deflateSync(pickle);
  const t = tmpTree({ 'model.joblib': z.subarray(0, z.length - 8) });
  try {
    const r = await scanPaths([t.dir], { cwd: t.dir });
    const ids = r.findings.map((f) => `${f.ruleId}:${f.severity}`);
    assert.ok(r.findings.some((f) => /os\.system/.test(f.message) && (f.severity === 'high' || f.severity === 'critical')), ids.join(', '));
    assert.ok(r.findings.some((f) => f.ruleId === 'model/pickle-truncated'), ids.join(', '));
  } finally {
    t.cleanup();
  }
});

test('a literal longer than 64 MiB is stepped over, never held: windows stay small and what follows it is analysed', async () => {
  // numpy arrays pickled with protocol 4/5 are BINBYTES8 literals as big as the array.
  const size = 100 * 1024 * 1024;
  const head = Buffer.concat([Buffer.from([0x80, 4, 0x28, 0x8e]), Buffer.alloc(8)]);
  head.writeBigUInt64LE(BigInt(size), 4);
  const tail = Buffer.from("0cos\nsystem\n\x8c\x07echo hi\x85R.", 'latin1');
  const total = head.length + size + tail.length;
  let largest = 0;
  const read = async (at: number, n: number): Promise<Buffer> => {
    largest = Math.max(largest, n);
    const out = Buffer.alloc(Math.max(0, Math.min(n, total - at)));
    // Only the head and the tail hold bytes; the literal is zeros (never materialised here whole).
    for (let i = 0; i < out.length; i++) {
      const p = at + i;
      if (p < head.length) out[i] = head[p];
      else if (p >= head.length + size) out[i] = tail[p - head.length - size];
    }
    return out;
  };
  const r = await analyseWindowed({ read, size: total, cap: 1 << 30, window: 1 << 16 });
  const s = r!.analysis.streams[0];
  assert.ok(s.complete, s.error?.message);
  assert.ok(s.imports.some((i) => i.qual === 'os.system' && i.called));
  assert.ok(largest <= 1 << 17, `largest window ${largest}`);
  // Cut inside the literal: a truncation at the literal, not a silent pass.
  const cut = await analyseWindowed({ read, size: head.length + 1000, cap: 1 << 30, window: 1 << 16 });
  assert.equal(cut!.analysis.streams[0].error?.eof, true);
});
