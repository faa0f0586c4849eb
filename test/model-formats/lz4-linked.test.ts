// LZ4 linked blocks: a block's matches reach back into earlier blocks (up to 64 KiB). The decoder
// keeps one working buffer per frame and compacts it only when a block might not fit; this checks
// it against a plain reference decoder on seeded random frames with many small blocks (matches
// crossing block boundaries and compactions), and on independent blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLz4 } from '../../src/io/codecs/lz4.js';
import { prng } from '../helpers/prng.js';

/** Builds a frame of blocks; each block: one literal, a match (offset, length), one final literal. */
function frame(rnd: () => number, blocks: number, linked: boolean): { frame: Buffer; expect: Buffer } {
  const out: number[] = [];
  const parts: Buffer[] = [Buffer.from([0x04, 0x22, 0x4d, 0x18, linked ? 0x40 : 0x60, 0x40, 0x00])]; // magic, FLG (v1, independent bit), BD (64 KiB blocks), HC
  for (let b = 0; b < blocks; b++) {
    const seq: number[] = [];
    const start = out.length;
    const lit1 = Math.floor(rnd() * 256);
    out.push(lit1);
    const reach = linked ? out.length : out.length - start;
    const offset = 1 + Math.floor(rnd() * Math.min(reach, 65535));
    const len = 4 + Math.floor(rnd() * (b % 50 === 0 ? 3000 : 40));
    // token: 1 literal, match length len-4 (extended when >= 15)
    const ml = len - 4;
    seq.push((1 << 4) | Math.min(ml, 15), lit1, offset & 0xff, offset >> 8);
    if (ml >= 15) {
      let r = ml - 15;
      while (r >= 255) {
        seq.push(255);
        r -= 255;
      }
      seq.push(r);
    }
    for (let k = 0; k < len; k++) out.push(out[out.length - offset]);
    const lit2 = Math.floor(rnd() * 256);
    seq.push(1 << 4, lit2);
    out.push(lit2);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(seq.length);
    parts.push(size, Buffer.from(seq));
  }
  parts.push(Buffer.alloc(4)); // end mark
  return { frame: Buffer.concat(parts), expect: Buffer.from(out) };
}

async function decode(b: Buffer): Promise<Buffer> {
  async function* one() {
    yield b;
  }
  const parts: Buffer[] = [];
  for await (const c of decodeLz4(one()[Symbol.asyncIterator](), 't')) parts.push(c);
  return Buffer.concat(parts);
}

test('LZ4 linked blocks decode like a reference decoder across many small blocks and buffer compactions', async () => {
  const rnd = prng(42);
  for (let i = 0; i < 4; i++) {
    const { frame: f, expect } = frame(rnd, 6000, true);
    assert.ok(expect.length > 3 * 65536 + 64 * 1024, 'enough output to force compactions');
    assert.ok((await decode(f)).equals(expect), `frame ${i}`);
  }
});

test('LZ4 independent blocks never reach into an earlier block', async () => {
  const rnd = prng(7);
  const { frame: f, expect } = frame(rnd, 500, false);
  assert.ok((await decode(f)).equals(expect));
  // The same bytes marked linked but with a first-block match reaching before the frame: refused.
  const bad = Buffer.from(f);
  bad[4] = 0x60;
  const seqAt = 7 + 4; // first block's sequence: literal, then offset bytes at +2
  bad[seqAt + 2] = 0xff;
  bad[seqAt + 3] = 0x00;
  await assert.rejects(decode(bad), /match offset before the start/);
});
