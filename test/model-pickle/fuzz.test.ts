// Hostile inputs: random and mutated pickles and zips must never crash, hang or throw out of the
// parser. Seeded PRNG, bounded iterations: deterministic and quick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runStream } from '../../src/parsers/pickle/machine.js';
import { analysePickle } from '../../src/parsers/pickle/analyze.js';
import { disassemble } from '../../src/parsers/pickle/disassembler.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import { prng } from '../helpers/prng.js';


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
  for (let i = 0; i < 1500; i++) {
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

// Structured fuzzing: random programs built from whole opcodes (with valid arguments) reach opcode
// combinations that byte mutations of fixtures rarely do, e.g. a rebuild helper REDUCEd with None.
// The machine converts its own exceptions into a stop, so the check is that none happened.
test('random opcode programs never hit an internal error in the machine', () => {
  const rnd = prng(20261126);
  const u32 = (n: number) => {
    const x = Buffer.alloc(4);
    x.writeUInt32LE(n);
    return x;
  };
  const str = (s: string) => Buffer.concat([Buffer.from([0x8c, s.length]), Buffer.from(s, 'latin1')]);
  const pool: Array<() => Buffer> = [
    () => Buffer.from('ccollections\nOrderedDict\n', 'latin1'),
    () => Buffer.from('ctorch._utils\n_rebuild_tensor_v2\n', 'latin1'),
    () => Buffer.from('cjoblib.numpy_pickle\nNumpyArrayWrapper\n', 'latin1'),
    () => Buffer.from('c_codecs\nencode\n', 'latin1'),
    () => Buffer.from('cbuiltins\ngetattr\n', 'latin1'),
    () => Buffer.from('cnumpy\ndtype\n', 'latin1'),
    () => str(['os', 'system', 'cpu', 'storage', 'shape', 'dtype', '<f8', '\x80\x04N.'][Math.floor(rnd() * 8)]),
    () => Buffer.from([0x43, 4, 0x80, 4, 0x4e, 0x2e]), // SHORT_BINBYTES holding a pickle
    () => Buffer.from([0x4b, Math.floor(rnd() * 256)]),
    () => Buffer.concat([Buffer.from([0x4a]), u32(Math.floor(rnd() * 2 ** 32))]),
    () => Buffer.from([0x8a, 1, Math.floor(rnd() * 256)]),
    () => Buffer.from([0x68, Math.floor(rnd() * 8)]),
    () => Buffer.from([0x71, Math.floor(rnd() * 8)]),
    () => Buffer.concat([Buffer.from([0x95]), u32(Math.floor(rnd() * 64)), u32(0)]),
    () => Buffer.from([[0x28, 0x29, 0x30, 0x31, 0x32, 0x4e, 0x51, 0x52, 0x5d, 0x61, 0x62, 0x64, 0x65, 0x6c, 0x6f, 0x73, 0x74, 0x75, 0x7d, 0x81, 0x85, 0x86, 0x87, 0x88, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x97, 0x98][Math.floor(rnd() * 32)]]),
  ];
  for (let i = 0; i < 1500; i++) {
    const parts: Buffer[] = [Buffer.from([0x80, 4])];
    const n = 2 + Math.floor(rnd() * 40);
    for (let j = 0; j < n; j++) parts.push(pool[Math.floor(rnd() * pool.length)]());
    parts.push(Buffer.from('.'));
    const buf = Buffer.concat(parts);
    const r = runStream(buf);
    assert.doesNotMatch(r.error?.message ?? '', /internal error/, `program ${i}: ${buf.toString('hex')}`);
  }
});
