// The LZMA decoder against answers liblzma gave (Python's lzma module, scripts/fixtures/sevenzip/):
// settings liblzma writes decode to the sample, and damaged .lzma streams end the way they end in
// liblzma, after the same output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLzmaAlone, decodeXz } from '../../src/io/codecs/lzma.js';

const XZ = join(process.cwd(), 'test', 'fixtures', 'sevenzip', 'xz');
const VARIANTS = join(XZ, 'variants');
/** sha256 of the sample every variant compresses (scripts/fixtures/sevenzip/make-lzma-variants.py). */
const SAMPLE_SHA256 = '154b2f1a19d1f771457896312791fccf1e07ae25f3b480d3dfb22ee86d9e89a8';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Outcome {
  out: Buffer;
  error?: Error;
}

async function decode(dec: typeof decodeXz, data: Buffer, chunk: number): Promise<Outcome> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  }
  const parts: Buffer[] = [];
  try {
    for await (const c of dec(chunks()[Symbol.asyncIterator](), 't')) parts.push(Buffer.from(c));
  } catch (e) {
    return { out: Buffer.concat(parts), error: e as Error };
  }
  return { out: Buffer.concat(parts) };
}

test('every LZMA/LZMA2 variant of the sample decodes to it: wrapped 4 KiB window, lc/lp/pb corners, end marker, concatenated streams', async () => {
  const files = readdirSync(VARIANTS).sort();
  assert.ok(files.length >= 6);
  for (const f of files) {
    for (const chunk of [13, 4096, 1 << 20]) {
      const r = await decode(f.endsWith('.lzma') ? decodeLzmaAlone : decodeXz, readFileSync(join(VARIANTS, f)), chunk);
      assert.equal(r.error, undefined, `${f} in ${chunk}-byte chunks`);
      assert.equal(sha256(r.out), SAMPLE_SHA256, `${f} in ${chunk}-byte chunks`);
    }
  }
});

interface Damaged {
  file: string;
  length: number;
  flips: [number, number][];
  outLength: number;
  outSha256: string;
  error: boolean;
}

test('truncated and bit-flipped .lzma streams: an error exactly where liblzma has one, after the same output', async () => {
  const cases = JSON.parse(readFileSync(join(XZ, 'damaged-lzma.json'), 'utf8')) as Damaged[];
  assert.ok(cases.length >= 60 && cases.filter((c) => c.error).length >= 40);
  for (const [k, c] of cases.entries()) {
    const copy = Buffer.from(readFileSync(c.file).subarray(0, c.length));
    for (const [at, bit] of c.flips) copy[at] ^= bit;
    const what = `${c.file} cut to ${c.length}, flips ${JSON.stringify(c.flips)}`;
    const r = await decode(decodeLzmaAlone, copy, [61, 1000, 1 << 20][k % 3]);
    assert.equal(r.error !== undefined, c.error, `${what}: ${r.error?.message ?? 'no error'}`);
    if (r.error) assert.equal(r.error.name, 'ParseError', `${what}: ${r.error.message}`);
    if (c.flips.length === 0 && c.error) {
      // Cut short: LzmaSpec normalises the range coder after a bit, liblzma before the next one, so
      // liblzma may finish one more symbol (a literal, or a match of at most 273 bytes) with the
      // last bytes. What both produce is the start of the intact stream's output.
      const whole = (await decode(decodeLzmaAlone, readFileSync(c.file), 1 << 20)).out;
      assert.ok(r.out.length <= c.outLength && c.outLength - r.out.length <= 273, `${what}: ${r.out.length} bytes out, liblzma ${c.outLength}`);
      assert.ok(whole.subarray(0, r.out.length).equals(r.out), `${what}: output`);
      continue;
    }
    assert.equal(r.out.length, c.outLength, `${what}: output length`);
    assert.equal(sha256(r.out), c.outSha256, `${what}: output`);
  }
});

test('a match further back than the 64 MiB window mlwarden keeps is a limit, not damage (liblzma, with a 128 MiB dictionary, decodes it)', async () => {
  const r = await decode(decodeLzmaAlone, readFileSync(join(XZ, 'far-match.lzma')), 1 << 16);
  assert.equal(r.error?.name, 'LimitExceededError', r.error?.message);
  assert.match(r.error.message, /beyond the 67108864-byte window mlwarden keeps/);
  assert.equal(r.out.length, 4096 + (64 << 20));
});
