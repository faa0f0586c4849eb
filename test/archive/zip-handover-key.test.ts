// A source handed from the PyTorch CRC check to the archive expansion must only replace the
// member it was opened for. Two central-directory entries may name one local header with different
// methods or sizes (duplicate names): the stored reading of the bytes is not the deflated one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource } from '../../src/io/sources.js';
import { handOverMember, takeMember } from '../../src/io/zip/zip-crc.js';
import type { ZipMember } from '../../src/io/zip/zip-reader.js';

const base: ZipMember = { name: 'a/data.pkl', method: 8, flags: 0, crc32: 1, compressedSize: 100, uncompressedSize: 1000, localHeaderOffset: 0, externalAttributes: 0, encrypted: false, isDirectory: false, isSymlink: false };

test('a handed-over member source is taken only by the entry it was opened for', () => {
  const archive = new MemorySource(Buffer.alloc(10));
  const handed = new MemorySource(Buffer.from('inflated'));
  handOverMember(archive, base, handed);
  assert.equal(takeMember(archive, { ...base, method: 0 }), undefined, 'stored reading of the same bytes');
  assert.equal(takeMember(archive, { ...base, compressedSize: 50 }), undefined, 'shorter compressed size');
  assert.equal(takeMember(archive, { ...base, uncompressedSize: 10 }), undefined, 'other declared size');
  assert.equal(takeMember(archive, { ...base, flags: 1, encrypted: true }), undefined, 'encrypted reading');
  assert.equal(takeMember(archive, { ...base }), handed);
});
