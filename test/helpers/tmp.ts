import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary directory populated from a { 'rel/path': content } map; removed by cleanup(). */
export function tmpTree(files: Record<string, string | Buffer> = {}): { dir: string; path: (p: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlwarden-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return { dir, path: (p: string) => join(dir, p), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
