import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Finding, Report } from '../../src/core/types.js';
import { MemorySource } from '../../src/io/sources.js';
import { openSevenZip } from '../../src/io/sevenzip/archive.js';
import { sevenZipMembers } from '../../src/io/sevenzip/members.js';
import { write7z } from '../../scripts/fixtures/sevenzip/writer.js';
import { tmpTree } from '../helpers/tmp.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'sevenzip');
const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;
let cached: Promise<Report> | undefined;
const report = () => (cached ??= scanPaths(['.'], { cwd: FIX, gitignore: false }));
const of = async (p: string): Promise<Finding[]> => (await report()).findings.filter((f) => f.location.path === p);

async function members(buf: Buffer): Promise<Array<{ name: string; data?: Buffer; error?: string; crc?: string }>> {
  const src = new MemorySource(buf);
  const a = await openSevenZip(src, 't.7z');
  const out: Array<{ name: string; data?: Buffer; error?: string; crc?: string }> = [];
  for await (const ev of sevenZipMembers(src, a, { maxBytes: 64 * 1024 * 1024, maxRatio: 1000, label: 't.7z' })) {
    if (ev.item.isDir) continue;
    if (ev.kind === 'skipped') out.push({ name: ev.item.name, error: ev.error.message });
    else {
      const data = await ev.source.read(0, 64 * 1024 * 1024);
      out.push({ name: ev.item.name, data, crc: await ev.finish?.() });
    }
  }
  return out;
}

const ARCHIVES: Array<[string, string[]]> = [
  ['lzma2-solid.7z', ['big.txt', 'data.bin', 'notes.txt', 'state.pkl']],
  ['lzma-nonsolid.7z', ['data.bin', 'notes.txt', 'state.pkl']],
  ['lzma2-plain-header.7z', ['notes.txt', 'state.pkl']],
  ['lzma-solid-plain-header.7z', ['big.txt', 'notes.txt', 'state.pkl']],
  ['bcj-x86.7z', ['data.bin', 'notes.txt']],
  ['delta.7z', ['wave.bin']],
  ['bcj-arm.7z', ['branches.bin']],
  ['bcj-ppc.7z', ['branches.bin']],
  ['bzip2.7z', ['big.txt', 'notes.txt', 'state.pkl']],
  ['deflate.7z', ['big.txt', 'notes.txt', 'state.pkl']],
  ['copy.7z', ['data.bin', 'notes.txt', 'state.pkl']],
  ['with-dirs.7z', ['empty.txt', 'checkpoints/model.pt', 'notes.txt']],
];

for (const [file, names] of ARCHIVES) {
  test(`decodes every member of p7zip's ${file} to the original bytes`, async () => {
    const got = await members(readFileSync(join(FIX, file)));
    assert.deepEqual(got.map((m) => m.name).sort(), [...names].sort());
    for (const m of got) {
      assert.equal(m.error, undefined, m.error);
      assert.equal(m.crc, undefined, m.crc);
      assert.ok(m.data!.equals(readFileSync(join(FIX, 'src', m.name))), `${file}!${m.name} differs`);
    }
  });
}

test('a pickle payload inside a 7z is found at archive!inner/path', async () => {
  const f = await of('malicious/payload.7z');
  const hit = f.filter((x) => x.ruleId === 'model/pickle-dangerous-global');
  assert.ok(hit.length > 0, f.map((x) => x.ruleId).join(', '));
  assert.equal(hit[0].location.innerPath, 'checkpoints/model.pt');
  assert.equal(hit[0].severity, 'critical');
  assert.ok(!f.some((x) => x.ruleId === 'model/compressed-unscannable'));
});

test('a benign checkpoint inside a 7z has no high finding', async () => {
  const f = await of('benign/state.7z');
  assert.ok(f.every((x) => RANK[x.severity] < RANK.high), f.map((x) => `${x.ruleId} ${x.severity}`).join(', '));
});

test('the plain p7zip archives come out clean: no coverage gap, no CRC problem', async () => {
  for (const [file] of ARCHIVES) {
    const f = (await of(file)).filter((x) => x.ruleId.startsWith('scan/') || x.ruleId === 'model/compressed-unscannable');
    assert.deepEqual(f.map((x) => `${x.ruleId} ${x.message}`), [], file);
  }
});

test('an encrypted member named like a model is reported could-not-be-scanned (high), naming 7zAES', async () => {
  const f = await of('encrypted.7z');
  const gap = f.filter((x) => x.ruleId === 'model/compressed-unscannable');
  assert.equal(gap.length, 1, f.map((x) => `${x.ruleId} ${x.location.innerPath}`).join(', '));
  assert.equal(gap[0].severity, 'high');
  assert.equal(gap[0].location.innerPath, 'model.pt');
  assert.equal(gap[0].evidence, '7zAES');
  // notes.txt is not a model: the gap is still there, as scan/unreadable.
  assert.ok(f.some((x) => x.ruleId === 'scan/unreadable' && x.location.innerPath === 'notes.txt'));
});

test('an archive with an encrypted header named like a model is high, never clean', async () => {
  const f = await of('encrypted-header/model.pt.7z');
  const gap = f.filter((x) => x.ruleId === 'model/compressed-unscannable');
  assert.equal(gap.length, 1, f.map((x) => x.ruleId).join(', '));
  assert.equal(gap[0].evidence, '7zAES');
  assert.ok((await report()).errors.some((e) => e.path === 'encrypted-header/model.pt.7z' && e.ruleId === 'scan/unreadable'));
});

test('member names that climb out of the extraction folder are reported', async () => {
  const t0 = tmpTree({ 'x.7z': write7z([{ name: '../../etc/cron.d/job', data: Buffer.from('* * * * * root id\n') }, { name: 'ok.txt', data: Buffer.from('hi\n') }]) });
  const r = await scanPaths([t0.dir], { cwd: t0.dir });
  t0.cleanup();
  const t = r.findings.filter((f) => f.ruleId === 'scan/archive-path-traversal');
  assert.equal(t.length, 1);
  assert.equal(t[0].evidence, '../../etc/cron.d/job');
});

test('a CRC mismatch in a member is reported; the member is still scanned', async () => {
  const payload = readFileSync(join(FIX, 'src', 'checkpoints', 'model.pt'));
  const buf = write7z([{ name: 'model.pt', data: payload }]);
  const crcAt = buf.indexOf(Buffer.from([0x0a, 0x01]), 32 + payload.length);
  buf[crcAt + 2] ^= 0xff; // the data is intact but its recorded CRC is wrong (header CRCs rewritten to match)
  const { crc32 } = await import('../../src/io/crc32.js');
  const hdrOff = 32 + Number(buf.readBigUInt64LE(12));
  buf.writeUInt32LE(crc32(buf.subarray(hdrOff)), 28);
  buf.writeUInt32LE(crc32(buf.subarray(12, 32)), 8);
  const got = await members(buf);
  assert.match(got[0].crc ?? '', /CRC mismatch/);
  const t1 = tmpTree({ 'm.7z': buf });
  const r = await scanPaths([t1.dir], { cwd: t1.dir });
  t1.cleanup();
  assert.ok(r.findings.some((f) => f.ruleId === 'model/pickle-dangerous-global' && f.location.innerPath === 'model.pt'));
  assert.ok(r.findings.some((f) => f.ruleId === 'scan/unreadable' && /CRC mismatch/.test(f.message)));
});

test('the LZMA2 stored-chunk writer used by the bench round-trips', async () => {
  const data = Buffer.alloc(200_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
  const got = await members(write7z([{ name: 'a', data }, { name: 'b', data: Buffer.from('x') }], 'lzma2-stored'));
  assert.ok(got[0].data!.equals(data));
  assert.equal(got[1].data!.toString(), 'x');
});
