import { test } from 'node:test';
import assert from 'node:assert/strict';
import { walk } from '../../src/targets/fs/walk.js';
import { tmpTree } from '../helpers/tmp.js';

async function list(root: string, cwd: string, opts = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const i of walk(root, { cwd, ...opts })) if (i.kind === 'file') out.push(i.display);
  return out.sort();
}

const tree = {
  '.gitignore': 'build/\n*.log\n!keep.log\n',
  'a.py': '',
  'debug.log': '',
  'keep.log': '',
  'build/out.py': '',
  'src/.gitignore': 'generated.py\n',
  'src/generated.py': '',
  'src/model.py': '',
  'data/raw/x.csv': '',
  '.git/config': '',
};

test('honours nested .gitignore files and negations, and skips .git', async () => {
  const t = tmpTree(tree);
  try {
    assert.deepEqual(await list('.', t.dir), ['.gitignore', 'a.py', 'data/raw/x.csv', 'keep.log', 'src/.gitignore', 'src/model.py']);
  } finally {
    t.cleanup();
  }
});

test('--no-gitignore scans ignored files (but still never .git)', async () => {
  const t = tmpTree(tree);
  try {
    const files = await list('.', t.dir, { gitignore: false });
    assert.ok(files.includes('build/out.py') && files.includes('debug.log') && files.includes('src/generated.py'));
    assert.ok(!files.some((f) => f.startsWith('.git/')));
  } finally {
    t.cleanup();
  }
});

test('include and exclude globs apply to root-relative paths', async () => {
  const t = tmpTree(tree);
  try {
    assert.deepEqual(await list('.', t.dir, { include: ['**/*.py'], exclude: ['src/**'] }), ['a.py']);
    assert.deepEqual(await list('.', t.dir, { exclude: ['data'] }).then((f) => f.filter((x) => x.startsWith('data'))), []);
  } finally {
    t.cleanup();
  }
});

test('paths are POSIX and relative to the cwd when the root is under it', async () => {
  const t = tmpTree(tree);
  try {
    assert.deepEqual(await list('src', t.dir), ['src/.gitignore', 'src/model.py']);
    assert.deepEqual(await list('src/model.py', t.dir), ['src/model.py']);
  } finally {
    t.cleanup();
  }
});

test('paths left out by .gitignore are counted in the report, never silently dropped', async () => {
  const { scanPaths } = await import('../../src/scan/scan-paths.js');
  const t = tmpTree({ '.gitignore': '*.pkl\nbuild/\n', 'model.pkl': 'x', 'build/out.bin': 'y', 'a.py': '' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    assert.equal(r.stats.gitignored, 2);
    const all = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    assert.equal(all.stats.gitignored, 0);
    assert.equal(all.stats.files, 4);
  } finally {
    t.cleanup();
  }
});
