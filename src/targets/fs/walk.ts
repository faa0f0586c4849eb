// Walks scan roots the way a developer expects from git-aware tools: .gitignore files (nested ones
// too) are honoured, .git is skipped, --include/--exclude globs apply to root-relative paths.
// Safety: symlinks are never followed out of the root, symlinked directories are never followed
// at all (no loops), and only regular files are opened (a FIFO would block a reader forever).
import { readdir, lstat, realpath, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface WalkOptions {
  include?: string[];
  exclude?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  cwd?: string;
}

export type WalkItem =
  | { kind: 'file'; abs: string; display: string; rel: string; size: number }
  | { kind: 'error'; display: string; message: string }
  | { kind: 'skipped'; display: string; reason: string }
  /** Files and folders left out because a .gitignore matched them (counted, so it is never silent). */
  | { kind: 'gitignored'; display: string };

/** POSIX path relative to cwd when under it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const p = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return p.split(sep).join('/');
}

interface GitIgnoreLayer {
  base: string; // root-relative dir ('' for root)
  ig: Ignore;
}

function ignoredByGit(layers: GitIgnoreLayer[], rel: string, isDir: boolean): boolean {
  for (const l of layers) {
    const sub = l.base === '' ? rel : rel.slice(l.base.length + 1);
    if (sub && l.ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

function isInside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

export async function* walk(root: string, opts: WalkOptions = {}): AsyncGenerator<WalkItem> {
  const cwd = opts.cwd ?? process.cwd();
  const absRoot = resolve(cwd, root);
  const include = opts.include?.length ? picomatch(opts.include, { dot: true }) : undefined;
  const exclude = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : undefined;
  let st;
  try {
    st = await stat(absRoot);
  } catch (e) {
    yield { kind: 'error', display: displayPath(absRoot, cwd), message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? e}` };
    return;
  }
  if (st.isFile()) {
    yield { kind: 'file', abs: absRoot, display: displayPath(absRoot, cwd), rel: '', size: st.size };
    return;
  }
  if (!st.isDirectory()) {
    yield { kind: 'skipped', display: displayPath(absRoot, cwd), reason: 'not a regular file or directory' };
    return;
  }
  const realRoot = await realpath(absRoot);
  const yielded = new Set<string>();
  // Explicit stack instead of recursion: directory depth in the input cannot blow the JS stack.
  const stack: Array<{ dir: string; rel: string; layers: GitIgnoreLayer[] }> = [{ dir: absRoot, rel: '', layers: [] }];
  while (stack.length) {
    const { dir, rel, layers: parentLayers } = stack.pop()!;
    let dirents;
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      yield { kind: 'error', display: displayPath(dir, cwd), message: `cannot list directory: ${(e as NodeJS.ErrnoException).code ?? e}` };
      continue;
    }
    let layers = parentLayers;
    if (opts.gitignore !== false && dirents.some((d) => d.name === '.gitignore' && d.isFile())) {
      try {
        const ig = ignore().add(await readFile(join(dir, '.gitignore'), 'utf8'));
        layers = [...parentLayers, { base: rel, ig }];
      } catch {
        /* an unreadable .gitignore only means nothing is ignored by it */
      }
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: typeof stack = [];
    for (const d of dirents) {
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      const abs = join(dir, d.name);
      const display = displayPath(abs, cwd);
      if (d.isDirectory()) {
        if (d.name === '.git') continue;
        if (ignoredByGit(layers, childRel, true)) {
          yield { kind: 'gitignored', display };
          continue;
        }
        if (exclude?.(childRel)) continue;
        subdirs.push({ dir: abs, rel: childRel, layers });
        continue;
      }
      if (ignoredByGit(layers, childRel, false)) {
        yield { kind: 'gitignored', display };
        continue;
      }
      if (exclude?.(childRel)) continue;
      if (include && !include(childRel)) continue;
      let target = abs;
      if (d.isSymbolicLink()) {
        try {
          target = await realpath(abs);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          yield code === 'ELOOP'
            ? { kind: 'error', display, message: 'symlink loop (ELOOP): not followed' }
            : { kind: 'skipped', display, reason: `dangling symlink (${code})` };
          continue;
        }
        if (!isInside(realRoot, target)) {
          yield { kind: 'skipped', display, reason: 'symlink points outside the scan root: not followed' };
          continue;
        }
      }
      let s;
      try {
        s = await lstat(target);
      } catch (e) {
        yield { kind: 'error', display, message: `cannot stat: ${(e as NodeJS.ErrnoException).code ?? e}` };
        continue;
      }
      if (s.isDirectory()) continue; // a symlinked directory inside the root is walked through its real path
      if (!s.isFile()) {
        yield { kind: 'skipped', display, reason: 'not a regular file (device, FIFO or socket)' };
        continue;
      }
      const key = `${s.dev}:${s.ino}`;
      if (yielded.has(key)) continue;
      yielded.add(key);
      yield { kind: 'file', abs: target, display, rel: childRel, size: s.size };
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}
