// Tar members inside a compressed stream (model.tar.gz, .tar.zst, image layers) in bounded memory: a
// member holds a head and a window of its bytes, like a zip or gzip member, not everything from its
// tar header; reads behind the window decode the stream again through a shared rewind (capped); the
// tar walk stays forward-only. Small head/window overrides keep the unit archives small (assertions
// are on held-bytes stats, never RSS); the scan tests use the real sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { LimitExceededError, ParseError } from '../../src/core/errors.js';
import { ArchiveBudget, DEFAULT_LIMITS } from '../../src/core/limits.js';
import { DecompressingSource, MemorySource, type DecompressOptions } from '../../src/io/sources.js';
import { readTar } from '../../src/io/tar/tar-reader.js';
import { TarMembers, TarMemberSource } from '../../src/io/tar/tar-members.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import { buildTar, buildZip } from '../helpers/zip-writer.js';
import { prng } from '../helpers/prng.js';
import { floatListPickle } from '../../bench/cases/model-formats-compressed-pickle.js';

const MiB = 1024 * 1024;
const HEAD = 32 * 1024;
const WINDOW = 128 * 1024;
/** What one pull from the tar stream may add past a member's window (min(1 MiB, window)). */
const PULL = WINDOW;
const READ = 64 * 1024;
/** A decoder output (gunzip hands out 16 KiB pieces; one more may sit past a read). */
const DECODER_CHUNK = 64 * 1024;

/** Deterministic bytes with structure (deflate copies and emits literals), each 4 KiB stamped. */
function seeded(size: number, seed: number): Buffer {
  const r = prng(seed);
  const b = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) b.writeUInt32LE((r() * 16) | 0, i);
  for (let off = 0; off + 4 <= size; off += 4096) b.writeUInt32LE(off, off);
  return b;
}

const BIG = seeded(3 * MiB, 7);
const AFTER = Buffer.from('after the big member\n');
const TAR = buildTar([{ name: 'before.txt', data: 'before\n' }, { name: 'big.bin', data: BIG }, { name: 'after.txt', data: AFTER }]);
const TGZ = gzipSync(TAR, { level: 1 });

type Visit = (src: TarMemberSource) => Promise<void>;

/** Walks TGZ forward like expandTar; `visit` gets big.bin, the others are read whole. */
async function walk(visit: Visit, opts: { redecodeFactor?: number; budget?: ArchiveBudget; tgz?: Buffer } = {}) {
  const budget = opts.budget ?? new ArchiveBudget(DEFAULT_LIMITS);
  const streamOpts: DecompressOptions = { maxBytes: 64 * MiB, maxRatio: 1000, budget, label: 't.tar.gz', windowed: true, memory: { head: HEAD, window: WINDOW } };
  const stream = new DecompressingSource(new MemorySource(opts.tgz ?? TGZ), 'gzip', streamOpts);
  const members = new TarMembers(stream, { maxBytes: 64 * MiB, memory: { head: HEAD, window: WINDOW, ...(opts.redecodeFactor ? { redecodeFactor: opts.redecodeFactor } : {}) } });
  const got: Record<string, Buffer> = {};
  const sources: Record<string, TarMemberSource> = {};
  let rewind: TarMembers['rewindStats'];
  try {
    for await (const m of readTar(stream)) {
      stream.discardBefore(m.dataOffset - 512);
      const src = members.open(m, `t.tar.gz!${m.name}`);
      assert.ok(src instanceof TarMemberSource);
      sources[m.name] = src;
      if (m.name === 'big.bin') await visit(src);
      else got[m.name] = await src.read(0, src.size);
    }
    rewind = members.rewindStats;
  } finally {
    await members.close();
  }
  return { got, sources, stream, budget, rewind };
}

test('a member bigger than head + window read forward holds at most head + window + one pull; so does the tar stream', async () => {
  let view: TarMemberSource['stats'] | undefined;
  const { got, stream, rewind, budget } = await walk(async (src) => {
    const parts: Buffer[] = [];
    for (let off = 0; off < src.size; off += READ) parts.push(await src.read(off, READ));
    assert.ok(Buffer.concat(parts).equals(BIG));
    view = src.stats;
  });
  assert.ok(view);
  assert.ok(view.peakHeld <= HEAD + WINDOW + PULL + READ, `member peak ${view.peakHeld}`);
  assert.ok(view.peakHeld < BIG.length / 4, `member peak ${view.peakHeld}`);
  assert.equal(view.restarts, 0);
  assert.ok(stream.stats.peakHeld <= HEAD + WINDOW + PULL + DECODER_CHUNK, `stream peak ${stream.stats.peakHeld}`);
  assert.equal(rewind, undefined, 'a forward read never decodes again');
  assert.equal(got['before.txt'].toString(), 'before\n');
  assert.ok(got['after.txt'].equals(AFTER), 'the member after the big one reads right');
  assert.ok(budget.spent <= TAR.length, `spent ${budget.spent} of ${TAR.length}`);
});

test('a member read only at its head is skipped by the tar walk in bounded memory', async () => {
  const { got, stream } = await walk(async (src) => {
    assert.ok((await src.read(0, 4096)).equals(BIG.subarray(0, 4096)));
  });
  assert.ok(stream.stats.peakHeld <= HEAD + WINDOW + PULL + DECODER_CHUNK, `stream peak ${stream.stats.peakHeld}`);
  assert.ok(got['after.txt'].equals(AFTER));
});

test('a read behind the window decodes again through the rewind: right bytes, one restart, bounded, no budget charged twice', async () => {
  const budget = new ArchiveBudget(DEFAULT_LIMITS);
  let view: TarMemberSource['stats'] | undefined;
  const { got, rewind } = await walk(async (src) => {
    // The end first (like a zip reader looking for its directory), then back near the start.
    assert.ok((await src.read(src.size - 100, 100)).equals(BIG.subarray(BIG.length - 100)));
    assert.ok((await src.read(300_000, 5000)).equals(BIG.subarray(300_000, 305_000)));
    assert.ok((await src.read(0, 100)).equals(BIG.subarray(0, 100)), 'the head is kept');
    view = src.stats;
  }, { budget });
  assert.ok(view);
  assert.equal(view.restarts, 1);
  assert.ok(view.peakHeld <= HEAD + WINDOW + PULL + READ, `member peak ${view.peakHeld}`);
  assert.ok(rewind, 'the rewind decoded the stream again');
  assert.ok(rewind.peakHeld <= MiB + PULL + DECODER_CHUNK, `rewind peak ${rewind.peakHeld}`);
  assert.ok(got['after.txt'].equals(AFTER), 'the tar walk goes on where it was');
  assert.ok(budget.spent <= TAR.length, `spent ${budget.spent} of ${TAR.length}: decoding again is not charged again`);
});

test('a member read after the tar walk moved past it still reads right (decoded again)', async () => {
  const { sources } = await walk(async () => undefined);
  const big = sources['big.bin'];
  assert.ok((await big.read(2 * MiB, 1000)).equals(BIG.subarray(2 * MiB, 2 * MiB + 1000)));
  assert.ok((await sources['after.txt'].read(0, 100)).equals(AFTER));
  await big.close();
});

test('random reads equal the tar bytes (seeded): exact, or the restart cap as LimitExceededError', async () => {
  for (let seed = 1; seed <= 4; seed++) {
    const r = prng(seed);
    await walk(async (src) => {
      for (let i = 0; i < 24; i++) {
        const off = Math.floor(r() * src.size);
        const len = 1 + Math.floor(r() * 3 * WINDOW);
        try {
          const b = await src.read(off, len);
          assert.ok(b.equals(BIG.subarray(off, off + len)), `seed ${seed}: read ${off}+${len}`);
        } catch (e) {
          assert.ok(e instanceof LimitExceededError, `seed ${seed}: ${String(e)}`);
          return;
        }
      }
      assert.ok(src.stats.peakHeld <= HEAD + WINDOW + PULL + 3 * WINDOW, `seed ${seed}: peak ${src.stats.peakHeld}`);
    });
  }
});

test('jumping back again and again is capped: LimitExceededError, not quadratic work', async () => {
  let caught: unknown;
  let reads = 0;
  await walk(async (src) => {
    try {
      for (; reads < 1000; reads++) {
        await src.read(src.size - 10, 10);
        await src.read(HEAD + 10, 10);
      }
    } catch (e) {
      caught = e;
    }
  }, { redecodeFactor: 2 });
  assert.ok(caught instanceof LimitExceededError, String(caught));
  assert.ok(reads < 10, `${reads} round trips before the cap`);
});

test('a stream cut inside a member: the member reads what there is, then fails; the walk ends with a ParseError', async () => {
  const cut = TGZ.subarray(0, Math.floor(TGZ.length / 2));
  let memberError: unknown;
  await assert.rejects(
    walk(async (src) => {
      try {
        for (let off = 0; off < src.size; off += READ) await src.read(off, READ);
      } catch (e) {
        memberError = e;
      }
    }, { tgz: cut }),
    ParseError,
  );
  assert.ok(memberError instanceof ParseError, String(memberError));
});

test('random archives, random reads on every member, during the walk and after it moved on: the tar bytes, or the restart cap', async () => {
  for (let seed = 11; seed <= 16; seed++) {
    const r = prng(seed);
    const entries = Array.from({ length: 2 + Math.floor(r() * 4) }, (_, i) => ({ name: `m${i}.bin`, data: seeded(Math.floor(r() * 700_000), seed * 10 + i) }));
    const tgzBytes = gzipSync(buildTar(entries), { level: 1 });
    const want = new Map(entries.map((e) => [e.name, e.data]));
    const stream = new DecompressingSource(new MemorySource(tgzBytes), 'gzip', { maxBytes: 64 * MiB, maxRatio: 1000, label: 'r.tar.gz', windowed: true, memory: { head: HEAD, window: WINDOW } });
    const members = new TarMembers(stream, { maxBytes: 64 * MiB, memory: { head: HEAD, window: WINDOW } });
    const seen: Array<[string, TarMemberSource]> = [];
    const check = async (name: string, src: TarMemberSource, reads: number) => {
      const ref = want.get(name)!;
      for (let i = 0; i < reads; i++) {
        const off = Math.floor(r() * (ref.length + 10));
        const len = Math.floor(r() * 2 * WINDOW);
        try {
          const b = await src.read(off, len);
          assert.ok(b.equals(ref.subarray(off, off + len)), `seed ${seed} ${name}: read ${off}+${len}`);
        } catch (e) {
          assert.ok(e instanceof LimitExceededError, `seed ${seed} ${name}: ${String(e)}`);
          return;
        }
      }
      assert.ok(src.stats.peakHeld <= HEAD + WINDOW + PULL + 2 * WINDOW, `seed ${seed} ${name}: peak ${src.stats.peakHeld}`);
    };
    try {
      for await (const m of readTar(stream)) {
        stream.discardBefore(m.dataOffset - 512);
        const src = members.open(m, `r.tar.gz!${m.name}`) as TarMemberSource;
        seen.push([m.name, src]);
        await check(m.name, src, 6);
      }
      assert.deepEqual(seen.map(([n]) => n), entries.map((e) => e.name));
      for (const [name, src] of seen) await check(name, src, 3);
    } finally {
      await members.close();
    }
  }
});

// ---- through scanPaths, at the real head and window sizes ----

const PAYLOAD = readFileSync(new URL('../fixtures/model-pickle/malicious/os_system_p0.pkl', import.meta.url));
/** A benign checkpoint-shaped pickle bigger than a member's head + window (1 + 16 MiB). */
const CHECKPOINT = floatListPickle(18 * MiB, 'weight');

function tgz(entries: Array<{ name: string; data: Buffer | string }>): Buffer {
  return gzipSync(buildTar(entries), { level: 1 });
}

async function scan(files: Record<string, Buffer>) {
  const t = tmpTree(files);
  try {
    return await scanPaths(Object.keys(files), { cwd: t.dir, gitignore: false });
  } finally {
    t.cleanup();
  }
}

const serious = (f: { severity: string }) => f.severity === 'high' || f.severity === 'critical';

test('model.tar.gz: an 18 MiB benign checkpoint is clean, a malicious pickle in a later member is critical', async () => {
  const r = await scan({
    'model.tar.gz': tgz([
      { name: 'model.pth', data: CHECKPOINT },
      { name: 'code/inference.py', data: 'def model_fn(model_dir):\n    return None\n' },
      { name: 'code/helper.pkl', data: PAYLOAD },
    ]),
  });
  assert.deepEqual(r.findings.filter((f) => f.location.innerPath === 'model.pth' && (serious(f) || f.ruleId.startsWith('scan/'))).map((f) => f.ruleId), []);
  const hit = r.findings.find((f) => f.location.innerPath === 'code/helper.pkl' && f.severity === 'critical');
  assert.ok(hit, JSON.stringify(r.findings.map((f) => [f.ruleId, f.severity, f.location.innerPath])));
  assert.equal(r.findings.filter((f) => f.ruleId.startsWith('scan/')).length, 0, 'no coverage gap');
});

test('model.tar.gz: a payload stacked after 18 MiB of checkpoint in the same member is still critical', async () => {
  const r = await scan({ 'model.tar.gz': tgz([{ name: 'model.pth', data: Buffer.concat([CHECKPOINT, PAYLOAD]) }]) });
  assert.ok(r.findings.some((f) => f.location.innerPath === 'model.pth' && f.severity === 'critical'), JSON.stringify(r.findings.map((f) => [f.ruleId, f.severity, f.location.innerPath])));
});

test('model.tar.gz holding a PyTorch-style zip with a large tensor: data.pkl read back after the zip directory at the end is still critical', async () => {
  // data.pkl (padded past the member's 1 MiB head) first, then 18 MiB of tensor data, as torch.save
  // lays them out: the zip reader reads the directory at the end, then goes back to data.pkl.
  const pad = Buffer.alloc(2 * MiB, 0x41);
  const lenLE = Buffer.alloc(4);
  lenLE.writeUInt32LE(pad.length);
  const dataPkl = Buffer.concat([Buffer.from([0x80, 0x02, 0x42]), lenLE, pad, Buffer.from('0'), PAYLOAD]); // BINBYTES pad, POP, payload
  const tensor = seeded(18 * MiB, 3);
  const zip = buildZip([{ name: 'archive/data.pkl', data: dataPkl }, { name: 'archive/data/0', data: tensor }, { name: 'archive/version', data: '3\n' }]);
  const r = await scan({ 'model.tar.gz': tgz([{ name: 'model.pth', data: zip }]) });
  assert.ok(r.findings.some((f) => f.location.innerPath?.startsWith('model.pth') && f.severity === 'critical'), JSON.stringify(r.findings.map((f) => [f.ruleId, f.severity, f.location.innerPath, f.message])));
  assert.equal(r.findings.filter((f) => f.ruleId === 'scan/limit-exceeded').length, 0, 'reads back within the restart cap');
});

test('model.tar.gz cut inside a large member: the earlier payload is critical and the damage is a finding, not a crash', async () => {
  const whole = tgz([{ name: 'code/helper.pkl', data: PAYLOAD }, { name: 'model.pth', data: CHECKPOINT }, { name: 'z.pkl', data: PAYLOAD }]);
  const r = await scan({ 'model.tar.gz': whole.subarray(0, Math.floor(whole.length * 0.6)) });
  assert.ok(r.findings.some((f) => f.location.innerPath === 'code/helper.pkl' && f.severity === 'critical'));
  assert.ok(r.findings.some((f) => f.ruleId === 'scan/unreadable'), JSON.stringify(r.findings.map((f) => [f.ruleId, f.location.innerPath])));
});

test('model.tar.gz: member names that climb out of the extraction folder are still reported', async () => {
  const r = await scan({ 'model.tar.gz': tgz([{ name: '../../etc/evil.pkl', data: PAYLOAD }]) });
  assert.ok(r.findings.some((f) => f.ruleId === 'scan/archive-path-traversal' && f.evidence === '../../etc/evil.pkl'));
  assert.ok(r.findings.some((f) => f.severity === 'critical'));
});

test('docker save image: a gzip layer with an 18 MiB checkpoint, then a malicious pickle: the pickle is critical, the checkpoint clean', async () => {
  const layer = tgz([
    { name: 'opt/ml/model/model.pth', data: CHECKPOINT },
    { name: 'opt/ml/model/code/helper.pkl', data: PAYLOAD },
  ]);
  const image = buildTar([
    { name: 'manifest.json', data: JSON.stringify([{ Config: 'config.json', RepoTags: ['ml/serve:1'], Layers: ['0a1b/layer.tar'] }]) },
    { name: 'config.json', data: JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [] }, history: [] }) },
    { name: '0a1b/layer.tar', data: layer },
  ]);
  const r = await scan({ 'serve.tar': image });
  const at = (p: string) => r.findings.filter((f) => f.location.innerPath === `0a1b/layer.tar!${p}`);
  assert.ok(at('opt/ml/model/code/helper.pkl').some((f) => f.severity === 'critical'), JSON.stringify(r.findings.map((f) => [f.ruleId, f.severity, f.location.innerPath])));
  assert.deepEqual(at('opt/ml/model/model.pth').filter((f) => serious(f) || f.ruleId.startsWith('scan/')).map((f) => f.ruleId), []);
});

test('a member over maxEntryBytes is a limit finding on that member only: the tar walk goes on and a later payload is critical', async () => {
  // Before, everything after the current tar header was held, up to maxEntryBytes: skipping such a
  // member ended the walk (the payload after it was never scanned).
  const t = tmpTree({ 'model.tar.gz': tgz([{ name: 'model.pth', data: floatListPickle(6 * MiB, 'w') }, { name: 'code/helper.pkl', data: PAYLOAD }]) });
  try {
    const r = await scanPaths(['model.tar.gz'], { cwd: t.dir, gitignore: false, limits: { maxEntryBytes: 4 * MiB } });
    const seen = JSON.stringify(r.findings.map((f) => [f.ruleId, f.severity, f.location.innerPath]));
    assert.ok(r.findings.some((f) => f.location.innerPath === 'code/helper.pkl' && f.severity === 'critical'), seen);
    assert.ok(r.findings.some((f) => f.location.innerPath === 'model.pth' && (f.ruleId === 'scan/limit-exceeded' || f.ruleId === 'model/pickle-truncated')), seen);
    assert.ok(!r.findings.some((f) => f.ruleId.startsWith('scan/') && f.location.innerPath === undefined), `no archive-level gap: ${seen}`);
  } finally {
    t.cleanup();
  }
});
