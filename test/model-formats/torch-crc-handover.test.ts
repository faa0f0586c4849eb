// The PyTorch CRC check hands decoded pickle members (and large unread ones) to the archive
// expansion. An archive nested past maxArchiveDepth is never expanded: nothing may be handed to it,
// or the buffers stay held until the scan ends (a 800 KB tar of 24 such checkpoints held 900 MB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySource } from '../../src/io/sources.js';
import { torchZipParser } from '../../src/parsers/model/torch-zip.js';
import { readZip } from '../../src/io/zip/zip-reader.js';
import { takeMember } from '../../src/io/zip/zip-crc.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { crc32 } from '../../src/io/crc32.js';
import type { Entry } from '../../src/core/types.js';
import { buildZip } from '../helpers/zip-writer.js';

const MiB = 1024 * 1024;

function checkpoint(): { zip: Buffer; small: Buffer } {
  const small = Buffer.concat([Buffer.from('\x80\x02N.', 'latin1'), Buffer.alloc(2 * MiB)]);
  const zip = buildZip([
    { name: 'a/data.pkl', data: small, deflate: true },
    // Declared over the head + window: left unread for the pickle pass (pending).
    { name: 'c/constants.pkl', data: Buffer.from('\x80\x02N.', 'latin1'), deflate: true, declaredSize: 20 * MiB },
    { name: 'c/code/x.py', data: 'pass\n' },
    { name: 'a/data/0', data: Buffer.alloc(16) },
  ]);
  const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(0xdeadbeef, cd + 16);
  return { zip, small };
}

for (const depth of [DEFAULT_LIMITS.maxArchiveDepth, DEFAULT_LIMITS.maxArchiveDepth + 1]) {
  test(`a checkpoint nested past maxArchiveDepth (depth ${depth}) is handed nothing; its CRCs are still checked`, async () => {
    const { zip, small } = checkpoint();
    const src = new MemorySource(zip);
    const entry: Entry = { kind: 'member', path: 'deep.tar', innerPath: 'x.pt', name: 'x.pt', size: zip.length, source: src, depth, type: { kind: 'zip', text: false } };
    const model = await torchZipParser.parse(entry, { limits: DEFAULT_LIMITS, checkTime: () => undefined, use: async () => undefined as never });
    assert.deepEqual(model.crcPending, [], 'nothing left for an expansion that will not run');
    for (const m of (await readZip(src, 100)).members) assert.equal(takeMember(src, m), undefined, `${m.name} not handed over`);
    assert.deepEqual(model.crc.map((c) => [c.member, c.actual]), [['a/data.pkl', crc32(small)]]);
  });
}

test('a checkpoint the expansion will open still hands its decoded pickle on', async () => {
  const { zip } = checkpoint();
  const src = new MemorySource(zip);
  const entry: Entry = { kind: 'file', path: 'x.pt', name: 'x.pt', size: zip.length, source: src, depth: 0, type: { kind: 'zip', text: false } };
  const model = await torchZipParser.parse(entry, { limits: DEFAULT_LIMITS, checkTime: () => undefined, use: async () => undefined as never });
  assert.equal(model.crcPending.length, 1);
  const members = (await readZip(src, 100)).members;
  assert.ok(takeMember(src, members.find((m) => m.name === 'a/data.pkl')!));
});
