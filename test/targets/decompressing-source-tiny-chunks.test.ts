// A decoder may hand out output in tiny pieces (an LZ4 frame of 1-byte stored blocks: five
// input bytes per output byte). The decompressing source kept one Buffer (and one start offset) per
// piece in its window and head: a 20 MB .pkl.lz4 held 16 million objects (1.2 GB, 22 s). Pieces
// are now joined: what is held is a bounded number of buffers whatever the decoder's granularity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecompressingSource, MemorySource } from '../../src/io/sources.js';

/** An LZ4 frame (independent blocks) storing each byte of `data` in its own 1-byte block. */
function lz4TinyBlocks(data: Buffer): Buffer {
  const out = Buffer.alloc(7 + data.length * 5 + 4);
  out.writeUInt32LE(0x184d2204, 0);
  out[4] = 0x60; // version 1, independent blocks
  out[5] = 0x40; // 64 KiB blocks
  out[6] = 0; // header checksum (not checked)
  let p = 7;
  for (const b of data) {
    out.writeUInt32LE(0x80000001, p); // stored, 1 byte
    out[p + 4] = b;
    p += 5;
  }
  out.writeUInt32LE(0, p);
  return out;
}

test('tiny decoder outputs are joined: held buffers stay few, reads stay exact', async () => {
  const size = 120_000;
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 7 + (i >> 9)) & 0xff;
  const src = new DecompressingSource(new MemorySource(lz4TinyBlocks(data)), 'lz4', { maxBytes: 1 << 30, maxRatio: 1e9, label: 't', memory: { head: 4096, window: 32 * 1024 } });
  for (let off = 0; off < size; off += 10_000) assert.ok((await src.read(off, 10_000)).equals(data.subarray(off, off + 10_000)), `at ${off}`);
  assert.ok((await src.read(size - 30_000, 25_000)).equals(data.subarray(size - 30_000, size - 5_000)), 'inside the window');
  assert.ok(src.stats.buffers <= 8, `${src.stats.buffers} buffers held for ${src.stats.held} bytes`);
  assert.ok((await src.read(100, 9000)).equals(data.subarray(100, 9100)), 'head and behind the window: decoded again');
  assert.ok((await src.read(50_000, 1000)).equals(data.subarray(50_000, 51_000)), 'behind the window');
});
