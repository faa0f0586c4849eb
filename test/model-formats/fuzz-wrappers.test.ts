// Hostile compressed wrappers and TorchScript archives: seeded mutations of real bzip2, xz, .lzma
// and torch.jit.save files never crash, hang or produce unbounded output, and scans of them never
// throw. Deterministic (fixed seeds) and quick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBzip2 } from '../../src/io/codecs/bzip2.js';
import { decodeLzmaAlone, decodeXz } from '../../src/io/codecs/lzma.js';
import { decodeLz4 } from '../../src/io/codecs/lz4.js';
import { ParseError } from '../../src/core/errors.js';
import { scanTorchScript } from '../../src/parsers/model/torchscript-code.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import { prng } from '../helpers/prng.js';


function mutate(src: Buffer, rnd: () => number): Buffer {
  const b = Buffer.from(src);
  const n = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < n && b.length; i++) {
    const at = Math.floor(rnd() * b.length);
    const r = rnd();
    if (r < 0.6) b[at] ^= 1 << Math.floor(rnd() * 8);
    else if (r < 0.8) b[at] = Math.floor(rnd() * 256);
    else if (r < 0.9) return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(rnd() * 16)))]);
    else return b.subarray(0, at);
  }
  return b;
}

const CMP = join(process.cwd(), 'test', 'fixtures', 'model-formats', 'compressed');
const TS = join(process.cwd(), 'test', 'fixtures', 'model-formats', 'torchscript');
const files = (dir: string) => readdirSync(dir).map((f) => join(dir, f));
const all = [...files(join(CMP, 'benign')), ...files(join(CMP, 'malicious'))].map((f) => readFileSync(f));
const byMagic = (m: number[]) => all.filter((b) => b.length < 1000 && m.every((x, i) => b[i] === x));

async function drain(dec: (it: AsyncIterator<Buffer>, l: string) => AsyncGenerator<Buffer>, b: Buffer): Promise<number> {
  async function* one() {
    yield b;
  }
  let n = 0;
  for await (const c of dec(one()[Symbol.asyncIterator](), 'fuzz')) {
    n += c.length;
    assert.ok(n < 64 * 1024 * 1024, 'unbounded output');
  }
  return n;
}

for (const [name, dec, seeds] of [
  ['bzip2', decodeBzip2, byMagic([0x42, 0x5a, 0x68])],
  ['xz', decodeXz, byMagic([0xfd, 0x37, 0x7a, 0x58, 0x5a])],
  ['lzma', decodeLzmaAlone, byMagic([0x5d, 0x00, 0x00])],
  ['lz4', decodeLz4, byMagic([0x04, 0x22, 0x4d, 0x18])],
] as const) {
  test(`mutated ${name} streams end in data or a ParseError, never another exception`, async () => {
    assert.ok(seeds.length >= 3, `${name} seeds`);
    const rnd = prng(name.length * 101);
    for (let i = 0; i < 300; i++) {
      const m = mutate(seeds[Math.floor(rnd() * seeds.length)], rnd);
      try {
        await drain(dec, m);
      } catch (e) {
        assert.ok(e instanceof ParseError, `${name} #${i}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      }
    }
  });
}

test('random TorchScript-like text never throws out of the code scanner', () => {
  const rnd = prng(5);
  const alphabet = 'torch.save(ops.aten.from_file"\'#\\\n def __setstate__ classes.x.y )(:  \t';
  for (let i = 0; i < 500; i++) {
    let s = '';
    const len = Math.floor(rnd() * 400);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    scanTorchScript('code/x.py', s);
  }
});

test('mutated wrappers and TorchScript archives scan end to end without crashing the scan', async () => {
  const rnd = prng(99);
  const srcs = [...files(join(CMP, 'benign')), ...files(join(CMP, 'malicious')), ...files(TS)];
  const tree: Record<string, Buffer> = {};
  for (let i = 0; i < 24; i++) {
    const f = srcs[Math.floor(rnd() * srcs.length)];
    tree[`m${i}_${f.split('/').pop()}`] = mutate(readFileSync(f), rnd);
  }
  const dir = tmpTree(tree);
  try {
    const r = await scanPaths([dir.dir], { cwd: dir.dir });
    assert.equal(r.stats.files, 24);
    // Every mutated model is accounted for: a finding (a coverage gap at least) or an inventory record.
    const seen = new Set([...r.findings.map((f) => f.location.path), ...r.inventory.map((i) => i.path)]);
    assert.deepEqual(Object.keys(tree).filter((name) => !seen.has(name)), []);
    // Damage is reported as a parse or limit error, never as a parser or rule that threw something else.
    const internal = /failed on this input|failed in its scan-wide check|TypeError|RangeError|ReferenceError|Cannot read|is not a function|Maximum call stack/;
    const crashes = [...r.errors.map((e) => e.message), ...r.findings.map((f) => f.message)].filter((m) => internal.test(m));
    assert.deepEqual(crashes, []);
  } finally {
    dir.cleanup();
  }
});
