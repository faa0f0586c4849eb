// DecompressingSource keeps a head and a sliding window of its output, never the whole stream:
// reads behind the window decode again from the start (bounded), the CRC-32 comes from the first
// pass, and a salvage-mode source reads a damaged stream as ending at the damage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, gzipSync, deflateSync, constants } from 'node:zlib';
import { DecompressingSource, MemorySource, readAll, DECOMPRESS_HEAD, DECOMPRESS_WINDOW, type Codec, type DecompressOptions } from '../../src/io/sources.js';
import { LimitExceededError, ParseError } from '../../src/core/errors.js';
import { crc32 } from '../../src/io/crc32.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import { buildZip } from '../helpers/zip-writer.js';
import { torchZipParser } from '../../src/parsers/model/torch-zip.js';
import { readZip } from '../../src/io/zip/zip-reader.js';
import { crc32Of, takeMember } from '../../src/io/zip/zip-crc.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { Entry } from '../../src/core/types.js';

const MiB = 1024 * 1024;

/** Zeros with each 4 KiB block stamped with its offset: compressible, yet every byte is checkable. */
function stamped(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let off = 0; off + 4 <= size; off += 4096) b.writeUInt32LE(off, off);
  return b;
}

/** Deterministic bytes with some structure (so deflate both copies and emits literals). */
function seeded(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x % 7 === 0 ? x & 0xff : (i >> 6) & 0x3f;
  }
  return b;
}

/** Incompressible deterministic bytes. */
function noise(size: number, seed: number): Buffer {
  const next = rng(seed);
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = Math.floor(next() * 256);
  return b;
}

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function source(compressed: Buffer, codec: Codec, extra: Partial<DecompressOptions> = {}): DecompressingSource {
  return new DecompressingSource(new MemorySource(compressed), codec, { maxBytes: 1 << 30, maxRatio: 1e9, label: 't', ...extra });
}

test('reading a large deflated stream forward holds only the head and the window', async () => {
  const size = 40 * MiB;
  const data = stamped(size);
  const src = source(deflateRawSync(data, { level: 1 }), 'deflate-raw');
  for (let off = 0; off < size; off += MiB) {
    const b = await src.read(off, MiB);
    assert.equal(b.readUInt32LE(0), off);
  }
  assert.equal((await src.read(size, 10)).length, 0);
  assert.equal(src.size, size);
  // One read of a window's length may be held on top of the window (a read never loses its own bytes).
  assert.ok(src.stats.peakHeld <= DECOMPRESS_HEAD + DECOMPRESS_WINDOW + 2 * MiB, `peak held ${src.stats.peakHeld}`);
  assert.equal(src.stats.restarts, 0);
  // Behind the window: decoded again from the start, same bytes.
  const back = await src.read(5 * MiB + 123, 4096);
  assert.ok(back.equals(data.subarray(5 * MiB + 123, 5 * MiB + 123 + 4096)));
  assert.equal(src.stats.restarts, 1);
  // The head is served without a restart.
  assert.ok((await src.read(100, 1000)).equals(data.subarray(100, 1100)));
  assert.equal(src.stats.restarts, 1);
  await src.close();
  assert.equal(src.stats.held, 0);
});

test('a gzip-wrapped stream read whole through readAll-style streaming stays bounded', async () => {
  const size = 24 * MiB;
  const data = stamped(size);
  const src = source(gzipSync(data, { level: 1 }), 'gzip', { memory: { head: 64 * 1024, window: 2 * MiB } });
  let n = 0;
  for await (const c of src.stream(0)) {
    assert.ok(c.equals(data.subarray(n, n + c.length)));
    n += c.length;
  }
  assert.equal(n, size);
  assert.ok(src.stats.peakHeld <= 64 * 1024 + 2 * MiB + 2 * MiB, `peak held ${src.stats.peakHeld}`);
});

test('jumping back again and again is capped: LimitExceededError, not quadratic work', async () => {
  const size = 4 * MiB;
  const src = source(deflateRawSync(stamped(size), { level: 1 }), 'deflate-raw', { memory: { head: 4096, window: 256 * 1024, redecodeFactor: 3 } });
  await assert.rejects(
    (async () => {
      for (let i = 0; i < 50; i++) {
        await src.read(size - 4096, 4096);
        await src.read(8192, 4096);
      }
    })(),
    (e: Error) => e instanceof LimitExceededError && /jump back too often/.test(e.message),
  );
  assert.ok(src.stats.restarts <= 4, `restarts ${src.stats.restarts}`);
  assert.ok(src.stats.redecoded <= 3 * size + MiB, `redecoded ${src.stats.redecoded}`);
});

test('the CRC-32 computed while decompressing equals the CRC of the data, and survives close()', async () => {
  for (const [codec, pack] of [
    ['deflate-raw', (b: Buffer) => deflateRawSync(b)],
    ['gzip', (b: Buffer) => gzipSync(b)],
    ['zlib', (b: Buffer) => deflateSync(b)],
  ] as const) {
    const data = seeded(3 * MiB + 17, 7);
    const src = source(pack(data), codec, { memory: { head: 4096, window: 64 * 1024 } });
    assert.equal(src.trackCrc(), true, 'asked for before the first byte');
    await src.read(0, 10);
    assert.equal(src.trackCrc(), true);
    assert.equal(src.crc32, undefined, 'unknown before the end');
    // Jumping around (with restarts) does not count bytes twice.
    await src.read(2 * MiB, 1000);
    await src.read(100_000, 1000);
    await readAll(src, 1 << 30, 't');
    assert.equal(src.crc32, crc32(data), codec);
    await src.close();
    assert.equal(src.crc32, crc32(data));
  }
  // Not asked for in time: no CRC (crc32Of then computes it from the bytes).
  const late = source(deflateRawSync(Buffer.from('abc')), 'deflate-raw');
  await late.read(0, 1);
  assert.equal(late.trackCrc(), false);
  await readAll(late, 100, 't');
  assert.equal(late.crc32, undefined);
  assert.equal((await crc32Of(late, 100, 't')).crc, crc32('abc'));
});

test('a truncated stream: reads fail, salvage mode reads the decoded prefix as the whole stream', async () => {
  const data = seeded(2 * MiB, 3);
  const cut = gzipSync(data).subarray(0, 600_000);
  const strict = source(cut, 'gzip', { memory: { head: 4096, window: 64 * 1024 } });
  await assert.rejects(readAll(strict, 1 << 30, 't'), (e: Error) => e instanceof ParseError && /corrupt or truncated/.test(e.message));
  const decoded = strict.decodedBeforeError ?? 0;
  assert.ok(decoded > 0 && decoded < data.length);
  assert.equal(strict.crc32, undefined);

  const salvage = source(cut, 'gzip', { salvage: true, memory: { head: 4096, window: 64 * 1024 } });
  const got = await readAll(salvage, 1 << 30, 't');
  assert.ok(got.length > 0);
  assert.ok(got.equals(data.subarray(0, got.length)), 'the prefix is the real data');
  assert.ok(salvage.error instanceof ParseError);
  assert.equal(salvage.size, got.length);
  // A read behind the window decodes again up to the damage, same bytes.
  assert.ok((await salvage.read(10_000, 5000)).equals(data.subarray(10_000, 15_000)));
  assert.equal((await salvage.read(got.length, 10)).length, 0);
  // The head, the window and one 1 MiB read of readAll's stream: never the whole prefix.
  assert.ok(salvage.stats.peakHeld <= 4096 + 64 * 1024 + MiB, `peak held ${salvage.stats.peakHeld}`);
});

test('random reads equal the reference decode (seeded, every codec Node decodes, small windows)', async () => {
  const data = seeded(700_000, 11);
  const packs: Array<[Codec, Buffer]> = [
    ['deflate-raw', deflateRawSync(data, { level: 6 })],
    ['gzip', gzipSync(data, { level: 9, strategy: constants.Z_FILTERED })],
    ['zlib', deflateSync(data, { level: 1 })],
  ];
  for (const [codec, packed] of packs) {
    for (const seed of [1, 2, 3]) {
      const next = rng(seed * 97 + codec.length);
      const src = source(packed, codec, { memory: { head: 2048 + seed * 1000, window: 16 * 1024 * seed, redecodeFactor: 1000 } });
      let pos = 0;
      for (let i = 0; i < 120; i++) {
        const r = next();
        // Mostly forward with overlaps (as the windowed pickle analysis reads), sometimes anywhere.
        if (r < 0.6) pos = Math.max(0, pos + Math.floor((next() - 0.3) * 40_000));
        else if (r < 0.8) pos = Math.floor(next() * 4096);
        else pos = Math.floor(next() * (data.length + 5000));
        const len = 1 + Math.floor(next() * (next() < 0.1 ? 100_000 : 5000));
        const got = await src.read(pos, len);
        const want = data.subarray(Math.min(pos, data.length), Math.min(data.length, pos + len));
        assert.ok(got.equals(want), `${codec} seed ${seed} read ${i} at ${pos}+${len}`);
      }
    }
  }
});

test('windowed (forward-only) mode still refuses offsets it streamed past, but serves its head', async () => {
  const data = seeded(1 * MiB, 5);
  const src = source(gzipSync(data), 'gzip', { windowed: true, memory: { head: 4096, window: 64 * 1024 } });
  await src.read(0, 512 * 1024);
  src.discardBefore(400 * 1024);
  assert.ok((await src.read(100, 100)).equals(data.subarray(100, 200)));
  await assert.rejects(src.read(200 * 1024, 10), (e: Error) => e instanceof ParseError && /streamed past/.test(e.message));
  assert.ok((await src.read(450 * 1024, 10)).equals(data.subarray(450 * 1024, 450 * 1024 + 10)));
});

test('a truncated gzip-wrapped pickle still reports the payload decoded before the damage', async () => {
  // An os.system REDUCE, then a large harmless BINBYTES tail that the truncation cuts.
  const payload = Buffer.concat([
    Buffer.from([0x80, 0x02]),
    Buffer.from('cposix\nsystem\nq\x00X\x04\x00\x00\x00trueq\x01\x85q\x02Rq\x03', 'latin1'),
    Buffer.from('0'), // POP
    Buffer.from([0x42]),
    (() => {
      const n = Buffer.alloc(4);
      n.writeUInt32LE(3 * MiB);
      return n;
    })(),
    seeded(3 * MiB, 9),
    Buffer.from('.'),
  ]);
  const gz = gzipSync(payload);
  const cut = gz.subarray(0, Math.floor(gz.length / 3));
  const t = tmpTree({ 'model.pkl.gz': cut });
  try {
    const r = await scanPaths(['model.pkl.gz'], { cwd: t.dir });
    const ids = r.findings.map((f) => `${f.ruleId} ${f.severity}`);
    assert.ok(ids.includes('model/compressed-unscannable high'), ids.join(', '));
    assert.ok(r.findings.some((f) => f.ruleId === 'model/pickle-dangerous-global' && f.severity === 'critical'), ids.join(', '));
  } finally {
    t.cleanup();
  }
});

/** A PyTorch-shaped zip whose data.pkl is deflated (over 1 MiB compressed: a streaming source) and calls os.system. */
function deflatedCheckpoint(badCrc: boolean, payload = 2 * MiB, garbage = false): { zip: Buffer; pickle: Buffer } {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(payload);
  const block = noise(Math.min(payload, MiB), 5);
  const body = Buffer.concat(Array.from({ length: Math.ceil(payload / block.length) }, () => block)).subarray(0, payload);
  const pickle = garbage
    ? Buffer.concat([Buffer.from('GARBAGE!'), body])
    : Buffer.concat([Buffer.from('\x80\x02cposix\nsystem\nq\x00X\x04\x00\x00\x00trueq\x01\x85q\x02Rq\x030B', 'latin1'), len, body, Buffer.from('.')]);
  const zip = buildZip([
    { name: 'archive/data.pkl', data: pickle, deflate: true },
    { name: 'archive/data/0', data: Buffer.alloc(64) },
    { name: 'archive/version', data: '3\n' },
  ]);
  if (badCrc) {
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0xdeadbeef, cd + 16);
  }
  return { zip, pickle };
}

test('the PyTorch CRC check takes the CRC from the decompressing pass and hands the decoded data.pkl on', async () => {
  const { zip, pickle } = deflatedCheckpoint(true);
  const src = new MemorySource(zip);
  const entry: Entry = { kind: 'file', path: 'm.pt', name: 'm.pt', size: zip.length, source: src, depth: 0, type: { kind: 'zip', text: false } };
  const model = await torchZipParser.parse(entry, { limits: DEFAULT_LIMITS, checkTime: () => undefined, use: async () => undefined as never });
  assert.deepEqual(model.crc.map((c) => [c.member, c.declared, c.actual]), [['archive/data.pkl', 0xdeadbeef, crc32(pickle)]]);
  const member = (await readZip(src, 100)).members.find((m) => m.name === 'archive/data.pkl')!;
  const handed = takeMember(src, member);
  assert.ok(handed instanceof DecompressingSource, 'the decoded member is handed to the expansion');
  assert.equal(handed.crc32, crc32(pickle));
  assert.ok(handed.holdsAll);
  assert.ok((await readAll(handed, 1 << 30, 't')).equals(pickle));
  assert.equal(handed.stats.restarts, 0, 'read again without decompressing again');
  assert.equal(takeMember(src, member), undefined, 'taken once');
});

test('a deflated data.pkl with a wrong CRC: the mismatch and the payload are both reported', async () => {
  const t = tmpTree({ 'bad.pt': deflatedCheckpoint(true).zip, 'good.pt': deflatedCheckpoint(false).zip });
  try {
    const r = await scanPaths(['bad.pt', 'good.pt'], { cwd: t.dir });
    const of = (p: string) => r.findings.filter((f) => f.location.path === p).map((f) => `${f.ruleId} ${f.location.innerPath}`);
    assert.ok(of('bad.pt').includes('model/torch-zip-crc-mismatch archive/data.pkl'), of('bad.pt').join(', '));
    assert.ok(of('bad.pt').includes('model/pickle-dangerous-global archive/data.pkl'), of('bad.pt').join(', '));
    assert.ok(!of('good.pt').some((x) => x.startsWith('model/torch-zip-crc-mismatch')), of('good.pt').join(', '));
    assert.ok(of('good.pt').includes('model/pickle-dangerous-global archive/data.pkl'), of('good.pt').join(', '));
  } finally {
    t.cleanup();
  }
});

test('a large deflated data.pkl: its CRC comes from the pickle pass (decoded once), or from a late decode when nothing read it', async () => {
  const big = deflatedCheckpoint(true, 18 * MiB);
  // Unit: the parser leaves it unread and hands it on; the reader's forward pass yields the CRC.
  const src = new MemorySource(big.zip);
  const entry: Entry = { kind: 'file', path: 'm.pt', name: 'm.pt', size: big.zip.length, source: src, depth: 0, type: { kind: 'zip', text: false } };
  const model = await torchZipParser.parse(entry, { limits: DEFAULT_LIMITS, checkTime: () => undefined, use: async () => undefined as never });
  assert.deepEqual(model.crc, []);
  assert.deepEqual(model.crcPending.map((p) => [p.member, p.declared]), [['archive/data.pkl', 0xdeadbeef]]);
  const member = (await readZip(src, 100)).members.find((m) => m.name === 'archive/data.pkl')!;
  const handed = takeMember(src, member) as DecompressingSource;
  assert.equal(handed, model.crcPending[0].source);
  assert.equal(handed.stats.peakHeld, 0, 'not decoded by the CRC check');
  for await (const _ of handed.stream(0)) void _;
  assert.equal(handed.crc32, crc32(big.pickle));
  assert.equal(handed.stats.restarts, 0);

  // Scan: the mismatch is reported once the member was scanned; a member nothing reads to its end
  // (not a pickle: the pickle rules stop at its first byte) is decoded at the end of the scan.
  const ok = Buffer.from(big.zip);
  ok.writeUInt32LE(crc32(big.pickle), ok.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 16);
  const t = tmpTree({ 'big.pt': big.zip, 'garbage.pt': deflatedCheckpoint(true, 18 * MiB, true).zip, 'bigok.pt': ok });
  try {
    const r = await scanPaths(['big.pt', 'garbage.pt', 'bigok.pt'], { cwd: t.dir });
    const of = (p: string) => r.findings.filter((f) => f.location.path === p).map((f) => `${f.ruleId} ${f.location.innerPath}`);
    assert.ok(of('big.pt').includes('model/torch-zip-crc-mismatch archive/data.pkl'), of('big.pt').join(', '));
    assert.ok(of('big.pt').includes('model/pickle-dangerous-global archive/data.pkl'), of('big.pt').join(', '));
    assert.ok(of('garbage.pt').includes('model/torch-zip-crc-mismatch archive/data.pkl'), of('garbage.pt').join(', '));
    assert.ok(!of('bigok.pt').some((x) => x.startsWith('model/torch-zip-crc-mismatch')), of('bigok.pt').join(', '));
    const f = r.findings.find((x) => x.ruleId === 'model/torch-zip-crc-mismatch' && x.location.path === 'big.pt')!;
    assert.equal(f.severity, 'high');
    assert.match(f.message, /0xdeadbeef/);
  } finally {
    t.cleanup();
  }
});
