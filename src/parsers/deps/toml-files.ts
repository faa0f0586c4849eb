// TOML-based manifests and locks. Manifests (pyproject.toml with PEP 621 / PEP 735 groups /
// Poetry tables, Pipfile) are parsed with smol-toml and each dependency is then located by a text
// search inside its section, since TOML parsers do not keep positions. Locks (poetry.lock, uv.lock,
// pdm.lock) are read by a single line scan over `[[package]]` blocks: a 2,000-package lock stays
// linear and every package gets its exact line.
import { parse as parseToml } from 'smol-toml';
import { ParseError } from '../../core/errors.js';
import { emptyModel, fromRequirement, type DepsFormat, type DepsModel } from './model.js';
import { parsePep508 } from './pep508.js';
import { normalizePackageName } from '../../advisories/versions/pep440.js';

type Table = Record<string, unknown>;

function table(v: unknown): Table | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Table) : undefined;
}

/** Finds line numbers of needles, searching forward from a section header when there is one. */
class Locator {
  readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split('\n');
  }
  /** First line (1-based) at or after the header `[name]` containing `needle`; 0 when not found. */
  find(needle: string | RegExp, header?: string): number {
    let start = 0;
    if (header) {
      const h = this.lines.findIndex((l) => l.trim() === `[${header}]`);
      if (h !== -1) start = h;
    }
    for (let i = start; i < this.lines.length; i++) {
      const l = this.lines[i];
      if (typeof needle === 'string' ? l.includes(needle) : needle.test(l)) return i + 1;
    }
    if (start > 0) return this.find(needle);
    return 0;
  }
}

function pep508List(model: DepsModel, loc: Locator, list: unknown, header: string, group?: string): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const req = parsePep508(item);
    if (!req) continue;
    const line = loc.find(`"${item}"`, header) || loc.find(`'${item}'`, header) || loc.find(item, header) || 1;
    model.deps.push(fromRequirement(req, line, group ? { group } : {}));
  }
}

/** Poetry / Pipfile tables: `name = "^1.2"`, `name = { version = "==1.2", extras = [...] }`, `name = { git = ... }`. */
function nameTable(model: DepsModel, loc: Locator, t: Table | undefined, header: string, group?: string): void {
  if (!t) return;
  for (const [name, spec] of Object.entries(t)) {
    if (name.toLowerCase() === 'python') continue;
    let specifier: string | undefined;
    let url: string | undefined;
    if (typeof spec === 'string') specifier = spec;
    else if (table(spec)) {
      const s = spec as Table;
      if (typeof s.version === 'string') specifier = s.version;
      const u = s.git ?? s.url ?? s.path;
      if (typeof u === 'string') url = String(u);
    }
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const line = loc.find(new RegExp(`^\\s*["']?${escaped}["']?\\s*=`, 'i'), header) || 1;
    const version = specifier ? exactVersion(specifier) : undefined;
    model.deps.push({
      ecosystem: 'PyPI',
      name,
      normalized: normalizePackageName(name),
      ...(version ? { version } : {}),
      ...(specifier && specifier !== '*' ? { specifier } : {}),
      ...(url ? { url } : {}),
      ...(group ? { group } : {}),
      line,
    });
  }
}

/** Poetry and Pipfile write a bare `1.2.3` or `==1.2.3` for an exact pin. */
function exactVersion(spec: string): string | undefined {
  const s = spec.trim();
  let m = /^===?\s*([0-9][0-9A-Za-z.!+_-]*)$/.exec(s);
  if (m && !m[1].endsWith('.*')) return m[1];
  m = /^([0-9][0-9A-Za-z.!+_-]*)$/.exec(s);
  return m && !s.includes('*') ? m[1] : undefined;
}

function parseTomlOrThrow(text: string, what: string): Table {
  try {
    return parseToml(text) as Table;
  } catch (e) {
    throw new ParseError(`${what}: ${(e as Error).message.split('\n')[0]}`);
  }
}

export function parsePyproject(text: string): DepsModel {
  const model = emptyModel('pyproject', false);
  const doc = parseTomlOrThrow(text, 'pyproject.toml');
  const loc = new Locator(text);
  const project = table(doc.project);
  if (project) {
    pep508List(model, loc, project.dependencies, 'project');
    for (const [extra, list] of Object.entries(table(project['optional-dependencies']) ?? {})) pep508List(model, loc, list, 'project.optional-dependencies', extra);
  }
  for (const [group, list] of Object.entries(table(doc['dependency-groups']) ?? {})) pep508List(model, loc, list, 'dependency-groups', group);
  const poetry = table(table(doc.tool)?.poetry);
  if (poetry) {
    nameTable(model, loc, table(poetry.dependencies), 'tool.poetry.dependencies');
    nameTable(model, loc, table(poetry['dev-dependencies']), 'tool.poetry.dev-dependencies', 'dev');
    for (const [group, g] of Object.entries(table(poetry.group) ?? {})) {
      nameTable(model, loc, table(table(g)?.dependencies), `tool.poetry.group.${group}.dependencies`, group);
    }
  }
  const uv = table(table(doc.tool)?.uv);
  for (const idx of Array.isArray(uv?.index) ? (uv!.index as unknown[]) : []) {
    const u = table(idx)?.url;
    if (typeof u === 'string') model.indexUrls.push({ url: u, option: 'tool.uv.index', line: loc.find(u) || 1 });
  }
  for (const src of Array.isArray(poetry?.source) ? (poetry!.source as unknown[]) : []) {
    const u = table(src)?.url;
    if (typeof u === 'string') model.indexUrls.push({ url: u, option: 'tool.poetry.source', line: loc.find(u) || 1 });
  }
  return model;
}

export function parsePipfile(text: string): DepsModel {
  const model = emptyModel('pipfile', false);
  const doc = parseTomlOrThrow(text, 'Pipfile');
  const loc = new Locator(text);
  nameTable(model, loc, table(doc.packages), 'packages');
  nameTable(model, loc, table(doc['dev-packages']), 'dev-packages', 'dev');
  for (const src of Array.isArray(doc.source) ? (doc.source as unknown[]) : []) {
    const u = table(src)?.url;
    if (typeof u === 'string') model.indexUrls.push({ url: u, option: 'source', line: loc.find(u) || 1 });
  }
  return model;
}

const KV = /^([A-Za-z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** poetry.lock, uv.lock, pdm.lock: `[[package]]` blocks with `name` and `version` keys. */
export function parseTomlLock(text: string, format: DepsFormat): DepsModel {
  const model = emptyModel(format, true);
  let inPackage = false;
  let name: string | undefined;
  let nameLine = 0;
  let version: string | undefined;
  const flush = () => {
    if (name) {
      model.deps.push({ ecosystem: 'PyPI', name, normalized: normalizePackageName(name), ...(version ? { version } : {}), line: nameLine, column: 1 });
    }
    name = undefined;
    version = undefined;
  };
  // One pass over line starts; only lines beginning with '[', 'n' or 'v' can matter, so the
  // regex runs on a handful of lines per package.
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNo++;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */) {
      const l = text.slice(i, end).trimEnd();
      if (l === '[[package]]') {
        flush();
        inPackage = true;
      } else {
        // A sub-table ([package.dependencies], [[package.wheels]]) ends the block's own keys.
        if (inPackage) flush();
        inPackage = false;
      }
    } else if (inPackage && (c === 110 /* n */ || c === 118 /* v */)) {
      const m = KV.exec(text.slice(i, end));
      if (m) {
        const value = m[2] ?? m[3];
        if (m[1] === 'name') {
          name = value;
          nameLine = lineNo;
        } else if (m[1] === 'version') version = value;
      }
    }
    start = end + 1;
  }
  flush();
  if (format === 'uv.lock' || format === 'pdm.lock' || format === 'poetry.lock') {
    // Sanity: a lock with blocks but no names was not what it claims to be.
    if (model.deps.length === 0 && text.includes('[[package]]')) model.issues.push({ line: 1, message: 'no package names found in [[package]] blocks' });
  }
  return model;
}
