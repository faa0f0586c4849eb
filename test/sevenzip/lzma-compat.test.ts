// The LZMA / xz decoder against liblzma's behaviour (what Python's lzma module, and so joblib,
// loads): BCJ x86 and delta filter chains, dictionary rounding, LZMA2 reset rules, trailing data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLzma2Raw, decodeLzmaAlone, decodeXz } from '../../src/io/codecs/lzma.js';
import { DeltaFilter, X86Filter } from '../../src/io/codecs/filters.js';
import { ParseError } from '../../src/core/errors.js';

const XZ = join(process.cwd(), 'test', 'fixtures', 'sevenzip', 'xz');
const fx = (n: string) => readFileSync(join(XZ, n));

async function* chunks(b: Buffer, size = 1000): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function decode(dec: (it: AsyncIterator<Buffer>, label: string) => AsyncGenerator<Buffer>, b: Buffer, size?: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of dec(chunks(b, size)[Symbol.asyncIterator](), 't')) parts.push(c);
  return Buffer.concat(parts);
}

test('xz with a BCJ x86 filter in front of LZMA2 decodes to the original bytes', async () => {
  for (const size of [7, 1000, 1 << 20]) assert.ok((await decode(decodeXz, fx('code.bin.x86.xz'), size)).equals(fx('code.bin')));
});

test('xz with ARM, ARM-Thumb, PowerPC and SPARC branch filters decodes to the original bytes', async () => {
  for (const f of ['arm', 'armthumb', 'powerpc', 'sparc']) {
    for (const size of [3, 4096]) assert.ok((await decode(decodeXz, fx(`branches.bin.${f}.xz`), size)).equals(fx('branches.bin')), `${f} in ${size}-byte chunks`);
  }
});

test('xz with a delta filter decodes to the original bytes', async () => {
  assert.ok((await decode(decodeXz, fx('wave.bin.delta.xz'), 13)).equals(fx('wave.bin')));
});

test('filters carry their state across chunk boundaries', () => {
  const data = fx('code.bin');
  const run = (f: X86Filter | DeltaFilter, step: number) => {
    const out: Buffer[] = [];
    for (let i = 0; i < data.length; i += step) out.push(f.push(Buffer.from(data.subarray(i, i + step))));
    out.push(f.end());
    return Buffer.concat(out);
  };
  assert.ok(run(new X86Filter(), 3).equals(run(new X86Filter(), data.length)));
  assert.ok(run(new DeltaFilter(4), 5).equals(run(new DeltaFilter(4), data.length)));
});

test('.lzma: a match inside liblzma\'s rounded-up dictionary is accepted, as Python loads it', async () => {
  assert.ok((await decode(decodeLzmaAlone, fx('dict-slack.lzma'))).equals(fx('slack.bin')));
});

test('.lzma: a match beyond the rounded-up dictionary is refused, as liblzma refuses it', async () => {
  await assert.rejects(decode(decodeLzmaAlone, fx('dict-too-small.lzma')), ParseError);
});

// A real LZMA2 chunk (from liblzma: "hello hello hello world " x 20, 64 KiB dictionary).
const LZMA2 = Buffer.from('e001df00155d00341949ee8de950960806f6e893aeee5a6b9feda00000', 'hex');
const dec2 = (b: Buffer) => decode((it, l) => decodeLzma2Raw(it, Buffer.from([16]), l), b);

test('LZMA2: a stream liblzma accepts decodes', async () => {
  assert.equal((await dec2(LZMA2)).toString(), 'hello hello hello world '.repeat(20));
});

test('LZMA2: chunks liblzma rejects are rejected (first chunk without a dictionary reset; LZMA chunk after a dictionary reset without new properties)', async () => {
  await assert.rejects(dec2(Buffer.concat([Buffer.from([2, 0, 0]), Buffer.from('a'), Buffer.from([0])])), /does not reset the dictionary/);
  await assert.rejects(dec2(Buffer.concat([Buffer.from([1, 0, 0]), Buffer.from('a'), Buffer.from([0xa0]), LZMA2.subarray(1)])), /without new properties/);
  await assert.rejects(dec2(Buffer.concat([Buffer.from([1, 0, 0]), Buffer.from('a'), Buffer.from([0x80]), LZMA2.subarray(1)])), /without new properties/);
  // A stored chunk without a reset after a compressed one is fine.
  const ok = await dec2(Buffer.concat([Buffer.from([1, 0, 1]), Buffer.from('ab'), Buffer.from([2, 0, 0]), Buffer.from('c'), Buffer.from([0])]));
  assert.equal(ok.toString(), 'abc');
});

test('xz: trailing garbage after a complete stream is ignored (as Python\'s lzma and LZMAFile ignore it); padding and a following stream are read', async () => {
  const one = fx('wave.bin.delta.xz');
  const want = fx('wave.bin');
  assert.ok((await decode(decodeXz, Buffer.concat([one, Buffer.from('GARBAGE!')]))).equals(want));
  assert.ok((await decode(decodeXz, Buffer.concat([one, Buffer.alloc(8)]))).equals(want));
  assert.ok((await decode(decodeXz, Buffer.concat([one, Buffer.alloc(4), one]))).equals(Buffer.concat([want, want])));
  assert.ok((await decode(decodeXz, Buffer.concat([one, one]))).equals(Buffer.concat([want, want])));
  await assert.rejects(decode(decodeXz, Buffer.concat([one, one.subarray(0, 40)])), ParseError);
});

test('mutated xz files with filter chains and mutated .lzma files fail with ParseError or decode, never anything else', async () => {
  let a = 99;
  const rnd = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const [name, dec] of [['code.bin.x86.xz', decodeXz], ['wave.bin.delta.xz', decodeXz], ['dict-slack.lzma', decodeLzmaAlone]] as const) {
    const orig = fx(name);
    for (let i = 0; i < 40; i++) {
      const b = Buffer.from(orig);
      const at = Math.floor(rnd() * Math.min(b.length, 200));
      b[at] ^= 1 << Math.floor(rnd() * 8);
      try {
        const out = await decode(dec, rnd() < 0.3 ? b.subarray(0, Math.floor(rnd() * b.length)) : b);
        assert.ok(out.length < 64 * 1024 * 1024);
      } catch (e) {
        assert.ok(e instanceof ParseError || (e as Error).name === 'LimitExceededError', `${name} #${i}: ${(e as Error).stack}`);
      }
    }
  }
});
