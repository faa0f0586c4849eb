// Hostile trees: loops, links out of the root, unreadable and special files, huge sparse files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, openSync, closeSync, ftruncateSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runTargets, scanPaths } from '../../src/scan/scan-paths.js';
import { fileEntry } from '../../src/targets/fs/target.js';
import type { Target } from '../../src/core/types.js';
import { walk } from '../../src/targets/fs/walk.js';
import { tmpTree } from '../helpers/tmp.js';

test('a symlink loop is reported as unreadable and the walk ends', async () => {
  const t = tmpTree({ 'ok.txt': 'x' });
  try {
    symlinkSync(join(t.dir, 'b'), join(t.dir, 'a'));
    symlinkSync(join(t.dir, 'a'), join(t.dir, 'b'));
    mkdirSync(join(t.dir, 'd'));
    symlinkSync(t.dir, join(t.dir, 'd', 'up')); // a directory link back to the root: never followed
    const r = await scanPaths(['.'], { cwd: t.dir });
    const loops = r.errors.filter((e) => /symlink loop/.test(e.message)).map((e) => e.path).sort();
    assert.deepEqual(loops, ['a', 'b']);
    assert.equal(r.stats.files, 1);
  } finally {
    t.cleanup();
  }
});

test('symlinks that point outside the scan root are not followed', async () => {
  const outside = tmpTree({ 'secret.txt': 'outside' });
  const t = tmpTree({ 'in.txt': 'inside' });
  try {
    symlinkSync(join(outside.dir, 'secret.txt'), join(t.dir, 'link.txt'));
    const items = [];
    for await (const i of walk('.', { cwd: t.dir })) items.push(i);
    assert.deepEqual(
      items.map((i) => `${i.kind}:${i.display}`),
      ['file:in.txt', 'skipped:link.txt'],
    );
  } finally {
    t.cleanup();
    outside.cleanup();
  }
});

test('FIFOs and other special files are skipped, never opened', async () => {
  const t = tmpTree({ 'a.txt': 'x' });
  try {
    execFileSync('mkfifo', [join(t.dir, 'pipe')]);
    const r = await scanPaths(['.'], { cwd: t.dir });
    assert.equal(r.stats.files, 1);
  } finally {
    t.cleanup();
  }
});

test('a file that cannot be read becomes scan/unreadable, and the scan goes on', async () => {
  const t = tmpTree({ 'ok.txt': 'fine' });
  try {
    // As root, permissions cannot make a file unreadable; a file that vanishes after listing can.
    const target: Target = {
      label: 'vanishing',
      async *entries() {
        yield { kind: 'entry', entry: fileEntry(join(t.dir, 'gone.bin'), 'gone.bin', 1234) };
        yield { kind: 'entry', entry: fileEntry(join(t.dir, 'ok.txt'), 'ok.txt', 4) };
      },
    };
    const r = await runTargets([target], {});
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.location.path}`), ['scan/unreadable gone.bin']);
    assert.match(r.errors[0].message, /ENOENT/);
    assert.equal(r.stats.entries, 2);
  } finally {
    t.cleanup();
  }
});

test('an unreadable file (permissions) is reported when not running as root', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, async () => {
  const t = tmpTree({ 'locked.txt': 'x' });
  try {
    chmodSync(join(t.dir, 'locked.txt'), 0);
    const r = await scanPaths(['.'], { cwd: t.dir });
    assert.equal(r.findings[0]?.ruleId, 'scan/unreadable');
  } finally {
    t.cleanup();
  }
});

test('a 2 GB sparse file is sniffed, not read whole', async () => {
  const t = tmpTree();
  try {
    const f = join(t.dir, 'huge.bin');
    const fd = openSync(f, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    const r = await scanPaths(['huge.bin'], { cwd: t.dir });
    assert.equal(r.stats.files, 1);
    assert.ok(r.stats.bytesRead <= 64 * 1024, `read ${r.stats.bytesRead} bytes`);
  } finally {
    t.cleanup();
  }
});

test('a directory tree deeper than the JS stack is walked without recursion', async () => {
  const t = tmpTree();
  try {
    let d = t.dir;
    for (let i = 0; i < 300; i++) d = join(d, 'd');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'leaf.txt'), 'x');
    const r = await scanPaths(['.'], { cwd: t.dir });
    assert.equal(r.stats.files, 1);
  } finally {
    t.cleanup();
  }
});
