// Hostile archives: every one must end in a finding, never a crash, a hang or unbounded memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { DecompressingSource, MemorySource, readAll } from '../../src/io/sources.js';
import { LimitExceededError, ParseError } from '../../src/core/errors.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { buildTar, buildZip } from '../helpers/zip-writer.js';
import { tmpTree } from '../helpers/tmp.js';

const ruleIds = (r: { findings: Array<{ ruleId: string }> }) => r.findings.map((f) => f.ruleId);

test('a zip bomb of shared deflated data stops at the ratio and total-size caps', async () => {
  const zeros = Buffer.alloc(32 * 1024 * 1024);
  const members = Array.from({ length: 200 }, (_, i) => ({ name: `layer${i}.bin`, data: zeros, deflate: true }));
  // Build one real deflated member and point 199 more central entries at the same bytes.
  const zip = buildZip(members.slice(0, 1).concat(members.slice(1).map((m) => ({ ...m, name: 'layer0.bin' }))), { shareDataWith: 0 });
  assert.ok(zip.length < 200_000, `bomb is small on disk (${zip.length} bytes)`);
  const t = tmpTree({ 'bomb.zip': zip });
  try {
    const before = process.memoryUsage().rss;
    const r = await scanPaths(['bomb.zip'], { cwd: t.dir });
    const limited = r.findings.filter((f) => f.ruleId === 'scan/limit-exceeded').map((f) => f.message).join('\n');
    assert.match(limited, /199 members reuse another member's data/);
    assert.match(limited, /declares 6710886400 decompressed bytes/);
    assert.ok(r.errors.length >= 1, 'coverage gap is recorded in errors');
    assert.ok(process.memoryUsage().rss - before < 512 * 1024 * 1024, 'memory stayed bounded');
  } finally {
    t.cleanup();
  }
});

test('inflating a bomb member stops at the ratio cap with bounded memory', async () => {
  const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x61));
  const src = new DecompressingSource(new MemorySource(bomb), 'deflate-raw', { maxBytes: 1024 ** 3, maxRatio: 200, label: 'bomb' });
  const before = process.memoryUsage().rss;
  await assert.rejects(readAll(src, 1024 ** 3, 'bomb'), (e: Error) => e instanceof LimitExceededError && /ratio above 200:1/.test(e.message));
  assert.ok(process.memoryUsage().rss - before < 256 * 1024 * 1024);
});

test('a truncated deflate stream is a ParseError that says so', async () => {
  const cut = deflateRawSync(Buffer.from('hello '.repeat(10000))).subarray(0, 50);
  const src = new DecompressingSource(new MemorySource(cut), 'deflate-raw', { maxBytes: 1 << 20, maxRatio: 1000, label: 'm' });
  await assert.rejects(readAll(src, 1 << 20, 'm'), (e: Error) => e instanceof ParseError && /corrupt or truncated/.test(e.message));
});

test('a member declaring a huge size from a few bytes is refused before inflating', async () => {
  const zip = buildZip([{ name: 'big.bin', data: Buffer.alloc(1024), deflate: true, declaredSize: 0xfffffff0 }]);
  const t = tmpTree({ 'declared.zip': zip });
  try {
    const r = await scanPaths(['declared.zip'], { cwd: t.dir });
    const f = r.findings.find((x) => x.ruleId === 'scan/limit-exceeded' && x.location.innerPath === 'big.bin');
    assert.ok(f);
    assert.match(f.message, /declares \d+ bytes/);
  } finally {
    t.cleanup();
  }
});

test('a zip with 100k members is capped and reported, not walked whole', async () => {
  const members = Array.from({ length: 100_000 }, (_, i) => ({ name: `m/${i}`, data: 'x' }));
  const t = tmpTree({ 'many.zip': buildZip(members) });
  try {
    const r = await scanPaths(['many.zip'], { cwd: t.dir, limits: { maxArchiveMembers: 500 } });
    const f = r.findings.find((x) => x.ruleId === 'scan/limit-exceeded');
    assert.ok(f, 'member cap reported');
    assert.match(f.message, /100000 members: only the first 500/);
    assert.equal(r.stats.archiveMembers, 500);
  } finally {
    t.cleanup();
  }
});

test('path-traversal member names are reported with the member name', async () => {
  const t = tmpTree({
    'slip.zip': buildZip([{ name: '../../etc/passwd', data: 'root:x:0:0' }, { name: 'ok.txt', data: 'fine' }]),
    'slip.tar': buildTar([{ name: 'a/ok.txt', data: 'x' }, { name: 'a/evil', link: '../../../etc/shadow' }, { name: '/abs/path', data: 'y' }]),
  });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    const msgs = r.findings.filter((f) => f.ruleId === 'scan/archive-path-traversal').map((f) => `${f.location.path}: ${f.evidence}`);
    assert.deepEqual(msgs.sort(), ['slip.tar: /abs/path', 'slip.tar: a/evil -> ../../../etc/shadow', 'slip.zip: ../../etc/passwd']);
  } finally {
    t.cleanup();
  }
});

test('a link that stays inside the archive is not a traversal', async () => {
  const t = tmpTree({ 'ok.tar': buildTar([{ name: 'a/b/c.txt', data: 'x' }, { name: 'a/b/link', link: '../b/c.txt' }]) });
  try {
    const r = await scanPaths(['ok.tar'], { cwd: t.dir });
    assert.deepEqual(ruleIds(r), []);
  } finally {
    t.cleanup();
  }
});

test('truncated zip, tar and tar.gz archives become unreadable findings', async () => {
  const zip = buildZip([{ name: 'a.txt', data: 'hello world '.repeat(100), deflate: true }]);
  const tar = buildTar([{ name: 'a.txt', data: 'x'.repeat(5000) }, { name: 'b.txt', data: 'y'.repeat(5000) }]);
  const t = tmpTree({
    'cut.zip': zip.subarray(0, zip.length - 30),
    'cut.tar': tar.subarray(0, 2000),
    'cut.tar.gz': gzipSync(tar).subarray(0, 60),
  });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    const unreadable = new Set(r.findings.filter((f) => f.ruleId === 'scan/unreadable').map((f) => f.location.path));
    assert.deepEqual([...unreadable].sort(), ['cut.tar', 'cut.tar.gz', 'cut.zip']);
    assert.equal(r.errors.length >= 3, true);
  } finally {
    t.cleanup();
  }
});

test('archives nested deeper than the depth cap are reported', async () => {
  let inner = buildZip([{ name: 'secret.txt', data: 'deep' }]);
  for (let i = 0; i < 8; i++) inner = buildZip([{ name: `level${i}.zip`, data: inner }]);
  const t = tmpTree({ 'nest.zip': inner });
  try {
    const r = await scanPaths(['nest.zip'], { cwd: t.dir });
    const f = r.findings.find((x) => x.ruleId === 'scan/limit-exceeded');
    assert.ok(f);
    assert.match(f.message, /nested 5 levels deep/);
    assert.equal(f.location.innerPath, 'level7.zip!level6.zip!level5.zip!level4.zip!level3.zip');
  } finally {
    t.cleanup();
  }
});

test('members of a tar.gz are addressed outer.tar.gz!inner/path', async () => {
  const tgz = gzipSync(buildTar([{ name: 'pkg/data.zip', data: buildZip([{ name: '../x', data: 'y' }]) }]));
  const t = tmpTree({ 'model.tar.gz': tgz });
  try {
    const r = await scanPaths(['model.tar.gz'], { cwd: t.dir });
    const f = r.findings.find((x) => x.ruleId === 'scan/archive-path-traversal');
    assert.ok(f);
    assert.equal(f.location.path, 'model.tar.gz');
    assert.equal(f.location.innerPath, 'pkg/data.zip');
  } finally {
    t.cleanup();
  }
});
