// Known answers for src/io/crc32.ts from outside the code: the check value of the CRC-32/ISO-HDLC
// catalogue entry (the zip/gzip CRC; crc32("123456789") = 0xCBF43926), and values computed on the
// development machine with Python 3.11's binascii.crc32 / zlib.crc32 (zlib's implementation), e.g.
//   python3 -c "import binascii; print(hex(binascii.crc32(b'The quick brown fox jumps over the lazy dog')))"
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { crc32, crc32Update } from '../../src/io/crc32.js';
import { prng } from '../helpers/prng.js';

const VECTORS: Array<[string, Buffer, number]> = [
  ['the catalogue check value', Buffer.from('123456789'), 0xcbf43926],
  ['no bytes', Buffer.alloc(0), 0x00000000],
  ['a pangram (python3 binascii.crc32)', Buffer.from('The quick brown fox jumps over the lazy dog'), 0x414fa339],
  ['bytes 0..255 (python3 zlib.crc32)', Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 0x29058c73],
  ['32 zero bytes (python3 zlib.crc32)', Buffer.alloc(32, 0x00), 0x190a55ad],
  ['32 0xFF bytes (python3 zlib.crc32)', Buffer.alloc(32, 0xff), 0xff6cab0b],
  ['"hello world" (python3 zlib.crc32)', Buffer.from('hello world'), 0x0d4a1185],
];

for (const [what, bytes, expected] of VECTORS) {
  test(`crc32 of ${what} is 0x${expected.toString(16).padStart(8, '0')}`, () => {
    assert.equal(crc32(bytes), expected);
    // The string form reads code units as bytes: the same answer for ASCII.
    if (bytes.every((b) => b < 0x80)) assert.equal(crc32(bytes.toString('latin1')), expected);
  });
}

test('crc32Update over chunks gives the one-shot answer (python3: crc32(b"world", crc32(b"hello ")))', () => {
  assert.equal(crc32Update(crc32Update(0, Buffer.from('hello ')), Buffer.from('world')), 0x0d4a1185);
  const data = Buffer.from('123456789');
  for (let cut = 0; cut <= data.length; cut++) assert.equal(crc32Update(crc32Update(0, data.subarray(0, cut)), data.subarray(cut)), 0xcbf43926);
});

// node:zlib gained crc32 in Node 20.15 (zlib's own code): a second outside implementation where present.
const zlibCrc32 = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
test('crc32 agrees with zlib on random buffers', { skip: zlibCrc32 ? false : 'node:zlib has no crc32 before Node 20.15' }, () => {
  const rnd = prng(32);
  for (let i = 0; i < 200; i++) {
    const b = Buffer.from(Array.from({ length: Math.floor(rnd() * 3000) }, () => Math.floor(rnd() * 256)));
    assert.equal(crc32(b), zlibCrc32!(b), `buffer ${i} (${b.length} bytes)`);
  }
});
