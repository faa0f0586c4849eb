// Hostile 7z archives: seeded mutations of real p7zip archives and hand-built lies (bind-pair
// loops, huge counts and sizes) never crash or hang, stay within the caps, and an archive whose
// header cannot be read is never silently clean. Deterministic (fixed seeds) and quick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandArchive } from '../../src/targets/archive/expand.js';
import type { ArchiveEvent } from '../../src/targets/archive/events.js';
import compressedUnscannable from '../../src/rules/model/compressed-unscannable.js';

/** The model/compressed-unscannable finding this event leads to (the rule judges the target's coverage gaps), if any. */
function modelGap(e: ArchiveEvent): { innerPath?: string } | undefined {
  if (e.kind !== 'gap') return undefined;
  let reported = false;
  compressedUnscannable.gap!(e.gap, { report: () => (reported = true) });
  return reported ? { innerPath: e.gap.innerPath } : undefined;
}
const describe = (e: ArchiveEvent): string => (e.kind === 'issue' ? `${e.ruleId} ${e.message}` : e.kind === 'gap' ? `gap ${e.gap.cause} ${e.gap.detail}` : e.entry.innerPath ?? '');
import { ArchiveBudget, DEFAULT_LIMITS } from '../../src/core/limits.js';
import { LimitExceededError, ParseError } from '../../src/core/errors.js';
import { MemorySource } from '../../src/io/sources.js';
import { openSevenZip } from '../../src/io/sevenzip/archive.js';
import { crc32 } from '../../src/io/crc32.js';
import type { Entry } from '../../src/core/types.js';
import { write7z } from '../../scripts/fixtures/sevenzip/writer.js';
import { prng } from '../helpers/prng.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'sevenzip');
const LIMITS = { ...DEFAULT_LIMITS, maxEntryBytes: 4 * 1024 * 1024, maxArchiveTotalBytes: 16 * 1024 * 1024 };


/** Mutations aimed at the header half as often as at data; CRCs are fixed up half the time so the parser is reached. */
function mutate(src: Buffer, rnd: () => number): Buffer {
  let b = Buffer.from(src);
  const hdr = 32 + Number(b.readBigUInt64LE(12));
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const inHeader = rnd() < 0.5 && hdr < b.length;
    const at = inHeader ? hdr + Math.floor(rnd() * (b.length - hdr)) : Math.floor(rnd() * b.length);
    const r = rnd();
    if (r < 0.6) b[at] ^= 1 << Math.floor(rnd() * 8);
    else if (r < 0.85) b[at] = [0, 0xff, 0x7f, 0x80, 0x01][Math.floor(rnd() * 5)];
    else b = b.subarray(0, at);
  }
  if (rnd() < 0.5 && b.length >= 32) {
    const h = 32 + Number(b.readBigUInt64LE(12));
    if (h < b.length) b.writeUInt32LE(crc32(b.subarray(h, Math.min(b.length, h + Number(b.readBigUInt64LE(20))))), 28);
    b.writeUInt32LE(crc32(b.subarray(12, 32)), 8);
  }
  return b;
}

function entryOf(buf: Buffer, name: string): Entry {
  return { kind: 'file', path: name, name, size: buf.length, source: new MemorySource(buf), depth: 0, type: { kind: '7z', text: false } };
}

async function expand(buf: Buffer, name = 'model.pt.7z'): Promise<{ events: ArchiveEvent[]; bytes: number }> {
  const events: ArchiveEvent[] = [];
  let bytes = 0;
  for await (const ev of expandArchive(entryOf(buf, name), { limits: LIMITS, budget: new ArchiveBudget(LIMITS) })) {
    events.push(ev);
    if (ev.kind === 'member') {
      // What the engine does: read the member (here, all of it up to the cap), then close it.
      try {
        for await (const c of ev.entry.source.stream(0)) bytes += c.length;
      } catch (e) {
        assert.ok(e instanceof ParseError || e instanceof LimitExceededError, `unexpected ${(e as Error).stack}`);
      }
      await ev.entry.source.close?.();
    }
  }
  return { events, bytes };
}

const SEEDS = ['lzma2-solid.7z', 'lzma-nonsolid.7z', 'lzma2-plain-header.7z', 'bcj-x86.7z', 'delta.7z', 'bzip2.7z', 'deflate.7z', 'copy.7z', 'with-dirs.7z', 'encrypted.7z', 'malicious/payload.7z'];

test('mutated p7zip archives never crash or hang, and a header that fails is never silently clean', async () => {
  const rnd = prng(7);
  let headerFailures = 0;
  for (const file of SEEDS) {
    const orig = readFileSync(join(FIX, file));
    for (let i = 0; i < 30; i++) {
      const buf = mutate(orig, rnd);
      let headerOk = true;
      try {
        await openSevenZip(new MemorySource(buf), 'm');
      } catch (e) {
        headerOk = false;
        assert.ok(e instanceof ParseError || e instanceof LimitExceededError, `${file} #${i}: ${(e as Error).stack}`);
      }
      const { events, bytes } = await expand(buf);
      assert.ok(bytes <= LIMITS.maxArchiveTotalBytes + 1024 * 1024, `${file} #${i}: ${bytes} bytes`);
      if (!headerOk) {
        headerFailures++;
        assert.ok(events.some((e) => modelGap(e)), `${file} #${i}: header failed silently ${JSON.stringify(events.map(describe))}`);
      }
    }
  }
  assert.ok(headerFailures > 20, `only ${headerFailures} header failures: the mutations miss the header`);
});

/** A plain header with one Copy folder whose coder graph and sizes are given raw. */
function handBuilt(folder: number[], unpackSizes: number[], extra: number[] = []): Buffer {
  const data = Buffer.from('payload');
  const header = Buffer.from([
    0x01, 0x04, 0x06, 0x00, 0x01, 0x09, data.length, 0x00,
    0x07, 0x0b, 0x01, 0x00, ...folder, 0x0c, ...unpackSizes, 0x00,
    ...extra, 0x00,
    0x05, 0x01, 0x11, 0x05, 0x00, 0x61, 0x00, 0x00, 0x00, 0x00,
    0x00,
  ]);
  const start = Buffer.alloc(20);
  start.writeBigUInt64LE(BigInt(data.length), 0);
  start.writeBigUInt64LE(BigInt(header.length), 8);
  start.writeUInt32LE(crc32(header), 16);
  const sig = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04, 0, 0, 0, 0]);
  sig.writeUInt32LE(crc32(start), 8);
  return Buffer.concat([sig, start, data, header]);
}

test('hand-built lies: bind-pair loops, impossible graphs, sizes beyond the data, huge counts', async () => {
  const cases: Array<[string, Buffer]> = [
    // Two Copy coders bound to each other in a loop (out 0 -> in 1, out 1 -> in 0): no output stream.
    ['loop', handBuilt([0x02, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01], [0x07, 0x07])],
    // A 7 GiB declared size for 7 bytes of data.
    ['huge size', handBuilt([0x01, 0x01, 0x00], [0xf0, 0x00, 0x00, 0x00, 0xc0, 0x01])],
    // 2^62 folders.
    ['huge count', Buffer.concat([handBuilt([0x01, 0x01, 0x00], [0x07]).subarray(0, 32 + 7), Buffer.from([0x01, 0x04, 0x07, 0x0b, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x40])])],
    // An unknown coder.
    ['unknown coder', handBuilt([0x01, 0x03, 0x04, 0x01, 0x09], [0x07])],
  ];
  for (const [what, buf] of cases) {
    const fixed = Buffer.from(buf);
    const h = 32 + Number(fixed.readBigUInt64LE(12));
    fixed.writeBigUInt64LE(BigInt(fixed.length - h), 20);
    fixed.writeUInt32LE(crc32(fixed.subarray(h)), 28);
    fixed.writeUInt32LE(crc32(fixed.subarray(12, 32)), 8);
    const { events } = await expand(fixed);
    assert.ok(
      events.some((e) => modelGap(e) || (e.kind === 'issue' && (e.ruleId === 'scan/unreadable' || e.ruleId === 'scan/limit-exceeded'))),
      `${what}: ${JSON.stringify(events.map(describe))}`,
    );
  }
});

test('a member larger than maxEntryBytes is cut at the cap and reported; the next member is still scanned', async () => {
  const big = Buffer.alloc(LIMITS.maxEntryBytes + 100_000, 0x41);
  const buf = write7z([{ name: 'big.bin', data: big }, { name: 'model.pt', data: readFileSync(join(FIX, 'src', 'model.pt')) }], 'lzma2-stored');
  const { events } = await expand(buf, 'a.7z');
  const members = events.filter((e) => e.kind === 'member').map((e) => (e.kind === 'member' ? e.entry.innerPath : ''));
  assert.deepEqual(members, ['big.bin', 'model.pt']);
});

test('a model member whose data is damaged mid-way is a could-not-be-scanned finding (high), never clean', async () => {
  const junk = Buffer.alloc(100_000, 0x20);
  const buf = write7z([{ name: 'weights/model.pkl', data: junk }, { name: 'notes.txt', data: Buffer.from('hi\n') }], 'lzma2-stored');
  buf[32 + 3 + 65536] = 0x03; // the second LZMA2 chunk's control byte: invalid
  const { events } = await expand(buf, 'bundle.7z');
  const gap = events.map(modelGap).filter((g) => g !== undefined);
  assert.deepEqual(gap.map((g) => g.innerPath), ['weights/model.pkl']);
  // The next member of the damaged solid block is reported too, not silently dropped.
  assert.ok(events.some((e) => e.kind === 'issue' && e.ruleId === 'scan/unreadable' && e.innerPath === 'notes.txt'));
});
