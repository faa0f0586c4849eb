// 7z members in bounded memory: a head plus a sliding window of each member's bytes, whatever its
// size, like DecompressingSource for zip/gzip members. Reads behind the window decode the folder
// again from its start (through the files before the member), bounded by the restart cap. Small
// head/window overrides keep the archives small; assertions are on the held-bytes stats, not RSS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LimitExceededError } from '../../src/core/errors.js';
import { ArchiveBudget, DEFAULT_LIMITS } from '../../src/core/limits.js';
import { MemorySource } from '../../src/io/sources.js';
import { openSevenZip } from '../../src/io/sevenzip/archive.js';
import { sevenZipMembers, SevenZipMemberSource, type MemberCaps } from '../../src/io/sevenzip/members.js';
import { write7z, type WriterCoder } from '../../scripts/fixtures/sevenzip/writer.js';
import { prng } from '../helpers/prng.js';

const HEAD = 32 * 1024;
const WINDOW = 128 * 1024;
/** What one pull from the folder may add past the window (min(1 MiB, window)). */
const PULL = WINDOW;

function bytes(n: number, seed: number): Buffer {
  const r = prng(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (r() * 256) | 0;
  return b;
}

/** A solid archive: a small file, the big one under test, a small file after it. */
function solid(big: Buffer, coder: WriterCoder) {
  const before = bytes(200_000, 1);
  const after = Buffer.from('after the big member\n');
  const buf = write7z([{ name: 'before.bin', data: before }, { name: 'big.bin', data: big }, { name: 'after.txt', data: after }], coder);
  return { buf, before, after };
}

type Visit = (src: SevenZipMemberSource) => Promise<void>;

/** Runs `visit` on big.bin; returns every member's bytes as read forward, CRC problems and the budget spent. */
async function run(buf: Buffer, visit: Visit, caps: Partial<MemberCaps> = {}) {
  const src = new MemorySource(buf);
  const a = await openSevenZip(src, 't.7z');
  const budget = new ArchiveBudget(DEFAULT_LIMITS);
  const out: Record<string, { data?: Buffer; crc?: string }> = {};
  const all: MemberCaps = { maxBytes: 64 * 1024 * 1024, maxRatio: 1000, label: 't.7z', budget, memory: { head: HEAD, window: WINDOW }, ...caps };
  for await (const ev of sevenZipMembers(src, a, all)) {
    assert.equal(ev.kind, 'file');
    if (ev.kind !== 'file') continue;
    const m = ev.source as SevenZipMemberSource;
    assert.ok(m instanceof SevenZipMemberSource);
    if (ev.item.name === 'big.bin') {
      await visit(m);
      out[ev.item.name] = { crc: await ev.finish?.() };
    } else {
      out[ev.item.name] = { data: await m.read(0, m.size), crc: await ev.finish?.() };
    }
  }
  return { out, spent: budget.spent };
}

for (const coder of ['copy', 'lzma2-stored'] as const) {
  test(`${coder}: a member bigger than head + window read forward holds at most head + window + one read`, async () => {
    const big = bytes(2 * 1024 * 1024 + 12_345, 2);
    const { buf, before, after } = solid(big, coder);
    const READ = 50_000;
    const { out, spent } = await run(buf, async (m) => {
      for (let off = 0; off < m.size; off += READ) assert.ok((await m.read(off, READ)).equals(big.subarray(off, off + READ)), `at ${off}`);
      const s = m.stats;
      assert.equal(s.restarts, 0);
      assert.equal(s.redecoded, 0);
      assert.ok(s.peakHeld <= HEAD + WINDOW + READ + PULL, `peak ${s.peakHeld}`);
      assert.ok(s.peakHeld < big.length / 4, `peak ${s.peakHeld}`);
    });
    assert.equal(out['big.bin'].crc, undefined);
    assert.ok(out['before.bin'].data!.equals(before));
    assert.ok(out['after.txt'].data!.equals(after));
    assert.equal(spent, before.length + big.length + after.length);
  });

  test(`${coder}: a read behind the window decodes the solid folder again and returns the right bytes`, async () => {
    const big = bytes(1024 * 1024, 3);
    const { buf, before, after } = solid(big, coder);
    const { out, spent } = await run(buf, async (m) => {
      assert.ok((await m.read(900_000, 1000)).equals(big.subarray(900_000, 901_000)));
      assert.ok((await m.read(5000, 100)).equals(big.subarray(5000, 5100)), 'head');
      assert.equal(m.stats.restarts, 0, 'the head needs no restart');
      assert.ok((await m.read(300_000, 70_000)).equals(big.subarray(300_000, 370_000)));
      assert.equal(m.stats.restarts, 1);
      // Decoding again went through the member before this one.
      assert.ok(m.stats.redecoded >= before.length + 300_000, String(m.stats.redecoded));
      // Spanning the head and the part let go.
      assert.ok((await m.read(HEAD - 10, 200_000)).equals(big.subarray(HEAD - 10, HEAD - 10 + 200_000)));
      assert.equal(m.stats.restarts, 2);
    });
    // finish() caught up past the bytes decoded before, the CRC still holds, the next member starts right.
    assert.equal(out['big.bin'].crc, undefined);
    assert.ok(out['after.txt'].data!.equals(after));
    // Decoded again, not charged again.
    assert.equal(spent, before.length + big.length + after.length);
  });
}

test('reads that jump back too often hit the restart cap (LimitExceededError); the next member is still read', async () => {
  const big = bytes(1024 * 1024, 4);
  const { buf, after } = solid(big, 'lzma2-stored');
  let tripped: unknown;
  let laterRead: unknown;
  const { out } = await run(
    buf,
    async (m) => {
      try {
        for (let i = 0; i < 100; i++) {
          assert.ok((await m.read(m.size - 100, 100)).equals(big.subarray(big.length - 100)));
          assert.ok((await m.read(HEAD + 10, 100)).equals(big.subarray(HEAD + 10, HEAD + 110)));
        }
      } catch (e) {
        tripped = e;
      }
      await m.read(HEAD + 5000, 10).catch((e) => (laterRead = e));
      assert.ok(m.stats.restarts >= 1 && m.stats.restarts < 100, String(m.stats.restarts));
    },
    { memory: { head: HEAD, window: WINDOW, redecodeFactor: 3 } },
  );
  assert.ok(tripped instanceof LimitExceededError, String(tripped));
  assert.match((tripped as Error).message, /jump back too often/);
  assert.ok(laterRead instanceof LimitExceededError, `a read after the cap tripped gave ${String(laterRead)}`);
  assert.equal(out['big.bin'].crc, undefined);
  assert.ok(out['after.txt'].data!.equals(after));
});

test('seeded random reads match the reference bytes, within head + window + one read', async () => {
  for (const seed of [11, 12, 13, 14]) {
    const rnd = prng(seed);
    const big = bytes(600_000 + Math.floor(rnd() * 400_000), seed);
    const { buf, after } = solid(big, seed % 2 ? 'copy' : 'lzma2-stored');
    const MAXLEN = 40_000;
    const { out } = await run(
      buf,
      async (m) => {
        let pos = 0;
        for (let i = 0; i < 150; i++) {
          const r = rnd();
          // Mostly forward and near the last read, sometimes anywhere (behind the window too), sometimes past the end.
          const off = r < 0.6 ? Math.min(big.length + 10, pos + Math.floor(rnd() * 60_000)) : r < 0.8 ? Math.max(0, pos - Math.floor(rnd() * 2 * WINDOW)) : Math.floor(rnd() * (big.length + 1000));
          const len = Math.floor(rnd() * MAXLEN);
          const got = await m.read(off, len);
          assert.ok(got.equals(big.subarray(off, off + len)), `seed ${seed} #${i}: read(${off}, ${len})`);
          pos = off + len;
        }
        assert.ok(m.stats.peakHeld <= HEAD + WINDOW + MAXLEN + PULL, `seed ${seed}: peak ${m.stats.peakHeld}`);
        assert.ok(m.stats.restarts > 0, `seed ${seed}: no read went behind the window`);
      },
      { memory: { head: HEAD, window: WINDOW, redecodeFactor: 1000 } },
    );
    assert.equal(out['big.bin'].crc, undefined, `seed ${seed}`);
    assert.ok(out['after.txt'].data!.equals(after), `seed ${seed}`);
  }
});

test('a CRC mismatch is still found when the first pass was cut short by a restart', async () => {
  const big = bytes(700_000, 5);
  const { buf } = solid(big, 'copy');
  // Flip one data byte of big.bin (Copy coder: packed = unpacked) near its end.
  buf[32 + 200_000 + 650_000] ^= 0xff;
  const { out } = await run(buf, async (m) => {
    await m.read(400_000, 10);
    await m.read(HEAD + 1, 10);
    assert.equal(m.stats.restarts, 1);
  });
  assert.match(out['big.bin'].crc ?? '', /CRC mismatch/);
});

test('seeded random reads under a tight restart cap: right bytes until the cap trips, then only the limit error; the folder moves on', async () => {
  for (const seed of [21, 22, 23, 24, 25, 26]) {
    const rnd = prng(seed);
    const big = bytes(500_000 + Math.floor(rnd() * 300_000), seed);
    const { buf, after } = solid(big, seed % 2 ? 'copy' : 'lzma2-stored');
    let trippedAt = -1;
    const { out } = await run(
      buf,
      async (m) => {
        for (let i = 0; i < 60; i++) {
          const off = Math.floor(rnd() * big.length);
          const len = 1 + Math.floor(rnd() * 30_000);
          try {
            const got = await m.read(off, len);
            assert.equal(trippedAt, -1, `seed ${seed} #${i}: a read succeeded after the cap tripped`);
            assert.ok(got.equals(big.subarray(off, off + len)), `seed ${seed} #${i}: read(${off}, ${len})`);
          } catch (e) {
            assert.ok(e instanceof LimitExceededError, `seed ${seed} #${i}: ${String(e)}`);
            if (trippedAt < 0) trippedAt = i;
          }
        }
      },
      { memory: { head: HEAD, window: WINDOW, redecodeFactor: 2 } },
    );
    assert.ok(trippedAt >= 0, `seed ${seed}: the cap never tripped`);
    assert.equal(out['big.bin'].crc, undefined, `seed ${seed}`);
    assert.ok(out['after.txt'].data!.equals(after), `seed ${seed}`);
  }
});
