// The fast LZMA symbol decoder (LzmaCore) against the reference one (a plain port of LzmaSpec,
// test/helpers/lzma-reference.ts), through the same .xz / .lzma containers: valid streams decode
// to the same bytes, and truncated or mutated ones end in the same error after the same output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLzmaAlone, decodeXz, type SymbolDecoderFactory } from '../../src/io/codecs/lzma.js';
import { ReferenceLzmaCore } from '../helpers/lzma-reference.js';
import { prng } from '../helpers/prng.js';

const VARIANTS = join(process.cwd(), 'test', 'fixtures', 'sevenzip', 'xz', 'variants');
/** sha256 of the sample every variant compresses (scripts/fixtures/sevenzip/make-lzma-variants.py). */
const SAMPLE_SHA256 = '154b2f1a19d1f771457896312791fccf1e07ae25f3b480d3dfb22ee86d9e89a8';
/** Output compared per stream: a mutated stream may decode to a lot of garbage. */
const CAP = 256 * 1024;
const reference: SymbolDecoderFactory = (inp, win, dictSize) => new ReferenceLzmaCore(inp, win, dictSize);

interface Outcome {
  out: Buffer;
  error?: string;
}

async function decode(file: string, data: Buffer, chunk: number, core?: SymbolDecoderFactory): Promise<Outcome> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  }
  const it = chunks()[Symbol.asyncIterator]();
  const gen = file.endsWith('.lzma') || file.endsWith('.joblib') ? decodeLzmaAlone(it, 't', core) : decodeXz(it, 't', core);
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of gen) {
      parts.push(Buffer.from(c));
      n += c.length;
      if (n >= CAP) break;
    }
  } catch (e) {
    return { out: Buffer.concat(parts).subarray(0, CAP), error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
  return { out: Buffer.concat(parts).subarray(0, CAP) };
}

/** Committed .xz / .lzma streams: the variants plus the other decoder fixtures (not the 512 MiB bomb). */
function fixtures(): [string, Buffer][] {
  const dirs = [VARIANTS, join(process.cwd(), 'test', 'fixtures', 'sevenzip', 'xz'), join(process.cwd(), 'test', 'fixtures', 'model-formats', 'compressed', 'benign'), join(process.cwd(), 'test', 'fixtures', 'model-formats', 'compressed', 'malicious')];
  const out: [string, Buffer][] = [];
  for (const d of dirs) {
    for (const f of readdirSync(d).sort()) {
      if (/\.(xz|lzma)$/.test(f) || /_lzma\.joblib$|odd_dict\.joblib$/.test(f)) out.push([f, readFileSync(join(d, f))]);
    }
  }
  return out;
}

test('every LZMA/LZMA2 variant of the sample decodes to it: wrapped 4 KiB window, lc/lp/pb corners, end marker, concatenated streams', async () => {
  const files = readdirSync(VARIANTS).sort();
  assert.ok(files.length >= 6);
  for (const f of files) {
    for (const chunk of [13, 4096, 1 << 20]) {
      const r = await decode(f, readFileSync(join(VARIANTS, f)), chunk);
      assert.equal(r.error, undefined, `${f} in ${chunk}-byte chunks`);
      assert.equal(createHash('sha256').update(r.out).digest('hex'), SAMPLE_SHA256, `${f} in ${chunk}-byte chunks`);
    }
  }
});

test('the decoder and the reference decoder agree on committed streams and on truncated and mutated copies', async () => {
  const rnd = prng(0x1a2b);
  let compared = 0;
  let beyondWindow = 0;
  for (const [name, data] of fixtures()) {
    const copies: [string, Buffer][] = [['as is', data]];
    for (let k = 0; k < 2; k++) copies.push([`truncated ${k}`, data.subarray(0, Math.floor(rnd() * data.length))]);
    for (let k = 0; k < 5; k++) {
      const m = Buffer.from(data);
      // Past the container headers, mostly: flips in the range-coded data.
      const flips = 1 + Math.floor(rnd() * 3);
      for (let j = 0; j < flips; j++) {
        const at = Math.min(m.length - 1, 12 + Math.floor(rnd() * Math.max(1, m.length - 12)));
        m[at] ^= 1 << Math.floor(rnd() * 8);
      }
      copies.push([`mutated ${k}`, m]);
    }
    if (name.endsWith('.lzma')) {
      // A 4 GiB declared dictionary: damaged data then reaches past the 64 MiB window mlwarden
      // keeps (a limit, not damage) as well as past the data.
      for (let k = 0; k < 6; k++) {
        const m = Buffer.from(data);
        m.writeUInt32LE(0xffffffff, 1);
        m[13 + Math.floor(rnd() * Math.min(64, m.length - 13))] ^= 1 << Math.floor(rnd() * 8);
        copies.push([`4 GiB dictionary, mutated ${k}`, m]);
      }
    }
    for (const [what, copy] of copies) {
      const chunk = [61, 1000, 1 << 20][Math.floor(rnd() * 3)];
      const fast = await decode(name, copy, chunk);
      const ref = await decode(name, copy, chunk, reference);
      assert.equal(fast.error, ref.error, `${name} ${what}: error`);
      assert.ok(fast.out.equals(ref.out), `${name} ${what}: ${fast.out.length} bytes out, the reference ${ref.out.length}`);
      compared++;
      if (fast.error?.includes('window mlwarden keeps')) beyondWindow++;
    }
  }
  assert.ok(compared > 150, `${compared} streams compared`);
  assert.ok(beyondWindow > 0, 'some damaged stream reaches past the window (the limit error is compared too)');
});
