// Hostile inputs: random and mutated pickles and zips must never crash, hang or throw out of the
// parser. Seeded PRNG, bounded iterations: deterministic and quick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runStream } from '../../src/parsers/pickle/machine.js';
import { analysePickle } from '../../src/parsers/pickle/analyze.js';
import { disassemble } from '../../src/parsers/pickle/disassembler.js';
import { scanPaths } from '../../src/scan.js';
import { tmpTree } from '../helpers/tmp.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-pickle');
const seeds = (dir: string) => readdirSync(join(FIX, dir)).map((f) => readFileSync(join(FIX, dir, f)));

function mutate(src: Buffer, rnd: () => number): Buffer {
  const b = Buffer.from(src);
  const n = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < n && b.length; i++) {
    const at = Math.floor(rnd() * b.length);
    const r = rnd();
    if (r < 0.5) b[at] = Math.floor(rnd() * 256);
    else if (r < 0.7) b[at] = [0x28, 0x2e, 0x93, 0x52, 0x94, 0x68, 0x95, 0x82, 0x8c, 0x62][Math.floor(rnd() * 10)];
    else if (r < 0.85) return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(rnd() * 16)))]);
    else return b.subarray(0, at);
  }
  return b;
}

test('random bytes never throw out of the machine or the disassembler', () => {
  const rnd = prng(1);
  for (let i = 0; i < 2000; i++) {
    const len = Math.floor(rnd() * 256);
    const buf = Buffer.alloc(len);
    for (let j = 0; j < len; j++) buf[j] = Math.floor(rnd() * 256);
    if (rnd() < 0.5 && len > 2) (buf[0] = 0x80), (buf[1] = 2 + Math.floor(rnd() * 4));
    const a = analysePickle(buf, { final: true });
    assert.ok(a.streams.length <= 64);
    disassemble(buf);
  }
});

test('mutated real and malicious pickles never throw and keep results bounded', () => {
  const rnd = prng(7);
  const inputs = [...seeds('benign'), ...seeds('malicious')];
  for (let i = 0; i < 3000; i++) {
    const m = mutate(inputs[Math.floor(rnd() * inputs.length)], rnd);
    const r = runStream(m, 0, { final: true });
    assert.ok(r.imports.length <= m.length);
    analysePickle(m, { final: rnd() < 0.5 });
  }
});

test('huge declared lengths and memo indexes allocate nothing', () => {
  const big = Buffer.from([0x80, 4, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x2e]);
  assert.equal(runStream(big).error?.eof, true);
  const memo = Buffer.from([0x80, 4, 0x4e, 0x72, 0xff, 0xff, 0xff, 0xff, 0x6a, 0xff, 0xff, 0xff, 0xff, 0x2e]);
  assert.ok(runStream(memo).complete);
  const frame = Buffer.from([0x80, 4, 0x95, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x4e, 0x2e]);
  assert.ok(runStream(frame).complete);
});

test('mutated pickles, npy files and zip checkpoints scan end to end without crashing the scan', async () => {
  const rnd = prng(42);
  const inputs = readdirSync(join(FIX, 'benign')).concat(readdirSync(join(FIX, 'malicious')).map((f) => `../malicious/${f}`));
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 60; i++) {
    const name = inputs[Math.floor(rnd() * inputs.length)];
    const src = readFileSync(join(FIX, 'benign', name));
    files[`m${i}-${name.replace(/^.*\//, '')}`] = mutate(src, rnd);
  }
  const t = tmpTree(files);
  try {
    const r = await scanPaths([t.dir], { cwd: t.dir });
    assert.ok(r.stats.entries >= 60);
    for (const f of r.findings) assert.ok(f.ruleId && f.severity);
  } finally {
    t.cleanup();
  }
});
