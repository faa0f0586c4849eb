// The floor plan of src/ (docs/architecture.md): each top-level folder is a layer and may import only
// from layers below it, never from a sibling layer of the same height, and no file may reach itself
// through its imports. Imports are read with TypeScript's own pre-processor, so `import type`,
// `export ... from` and dynamic `import()` all count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Bottom up: a layer may import from any layer of a lower rank. */
export const LAYERS: Record<string, number> = {
  core: 0,
  io: 1,
  config: 2,
  advisories: 2,
  knowledge: 2,
  parsers: 3,
  targets: 4,
  rules: 5,
  scan: 6,
  report: 7,
  cli: 8,
  'index.ts': 9,
};

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const src = join(root, 'src');

function sourceFiles(): string[] {
  return (readdirSync(src, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/** The src-relative files a file imports (relative specifiers only; packages are not layers). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const out: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    const abs = resolve(join(src, dirname(file)), ref.fileName).replace(/\.js$/, '.ts');
    out.push(relative(src, abs).split('\\').join('/'));
  }
  return out;
}

const layerOf = (file: string): string => file.split('/')[0];

const graph = new Map(sourceFiles().map((f) => [f, importsOf(f)]));

test('every folder under src/ is a known layer', () => {
  const unknown = [...new Set([...graph.keys()].map(layerOf))].filter((l) => LAYERS[l] === undefined);
  assert.deepEqual(unknown, [], `add these to LAYERS and docs/architecture.md: ${unknown.join(', ')}`);
});

/** Imports that go up or sideways between layers. */
function badImports(g: Map<string, string[]>): string[] {
  const bad: string[] = [];
  for (const [file, deps] of g) {
    const from = layerOf(file);
    for (const dep of deps) {
      const to = layerOf(dep);
      if (to !== from && !(LAYERS[to] < LAYERS[from])) bad.push(`${file} -> ${dep}`);
    }
  }
  return bad;
}

test('no file imports from a higher layer or a sibling layer', () => {
  assert.deepEqual(badImports(graph), []);
});

test('every relative import resolves to a file in src/', () => {
  const missing: string[] = [];
  for (const [file, deps] of graph) for (const dep of deps) if (!graph.has(dep) && !dep.endsWith('.json')) missing.push(`${file} -> ${dep}`);
  assert.deepEqual(missing, []);
});

/** Strongly connected components of more than one file (or a file importing itself). */
function cyclesOf(g: Map<string, string[]>): string[][] {
  // Tarjan's strongly connected components: any component of more than one file is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) cycles.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

test('no import cycle', () => {
  assert.deepEqual(cyclesOf(graph), []);
});

test('the checker sees an upward import, a sideways import and a cycle (it can fail)', () => {
  const planted = new Map([
    ['parsers/a.ts', ['rules/b.ts']],
    ['rules/b.ts', ['parsers/a.ts']],
    ['config/c.ts', ['advisories/d.ts']],
    ['advisories/d.ts', []],
  ]);
  assert.deepEqual(badImports(planted), ['parsers/a.ts -> rules/b.ts', 'config/c.ts -> advisories/d.ts']);
  assert.deepEqual(cyclesOf(planted), [['parsers/a.ts', 'rules/b.ts']]);
});
