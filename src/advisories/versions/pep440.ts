// PEP 440 versions and specifiers, as pip and `packaging` implement them: epochs, pre/post/dev
// releases, local versions, normalisation (1.0RC1 == 1.0rc1, 1.0-1 == 1.0.post1, v1.0 == 1.0), and
// the operators ~= == != <= >= < > === with `.*` prefix matching. Advisory ranges are compared
// with the same ordering, so `torch 2.6.0+cu124` sorts after 2.6.0 and 2.6.0rc1 before it.
//
// The parser is a hand-written linear scan (no backtracking regex over user input), and input is
// capped in length: version strings come from files under scan.
//
// Why not a library: @renovatebot/pep440 4.2.4 (the last line that runs on Node 20; 5.x needs 22)
// was compared on the 531 checks of test/deps/pep440.test.ts and differed on 7 (2026-12-08):
// `clean('1.0+ubuntu-1')` gives `1.0+ubuntu,1`; its `<`/`>` are simplified, so
// `1.7.0rc1 <1.7.0rc2` and `1.7.0.post2 >1.7.0.post1` are false where PEP 440 says true; and
// pre-releases never satisfy a range unless asked for. Advisory matching needs exactly those cases.
// It also re-parses strings on every compare: sorting 20k versions took 1.7-2.4 s, this 0.06-0.4 s.

export interface Pep440Version {
  epoch: number;
  release: number[];
  /** ['a'|'b'|'rc', n] */
  pre?: [string, number];
  post?: number;
  dev?: number;
  /** Local segments: numbers compare numerically and sort after strings. */
  local?: Array<string | number>;
  /** The input as written. */
  raw: string;
}

const MAX_VERSION_LENGTH = 128;
const PRE_SPELLINGS: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };
const POST_SPELLINGS = new Set(['post', 'rev', 'r']);

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  sep(): boolean {
    const c = this.peek();
    if (c === '.' || c === '-' || c === '_') {
      this.i++;
      return true;
    }
    return false;
  }
  number(): number | undefined {
    const start = this.i;
    while (this.i < this.s.length && this.s.charCodeAt(this.i) >= 48 && this.s.charCodeAt(this.i) <= 57) this.i++;
    if (this.i === start) return undefined;
    return Number(this.s.slice(start, this.i));
  }
  word(): string {
    const start = this.i;
    while (this.i < this.s.length && this.s.charCodeAt(this.i) >= 97 && this.s.charCodeAt(this.i) <= 122) this.i++;
    return this.s.slice(start, this.i);
  }
}

/** Parses a PEP 440 version; undefined when the string is not one (legacy versions are not matched). */
/** `[sep] N` after a pre/post/dev marker; PEP 440 reads a missing number as 0. */
function implicitNumber(sc: { i: number; sep(): void; number(): number | undefined }): number {
  const at = sc.i;
  sc.sep();
  const n = sc.number();
  if (n !== undefined) return n;
  sc.i = at;
  return 0;
}

export function parsePep440(input: string): Pep440Version | undefined {
  if (input.length > MAX_VERSION_LENGTH) return undefined;
  let s = input.trim().toLowerCase();
  if (s.startsWith('v')) s = s.slice(1);
  if (!s) return undefined;
  const sc = new Scanner(s);
  let epoch = 0;
  let first = sc.number();
  if (first === undefined) return undefined;
  if (sc.peek() === '!') {
    sc.i++;
    epoch = first;
    first = sc.number();
    if (first === undefined) return undefined;
  }
  const release = [first];
  while (sc.peek() === '.' && /[0-9]/.test(s[sc.i + 1] ?? '')) {
    sc.i++;
    release.push(sc.number()!);
  }
  const v: Pep440Version = { epoch, release, raw: input };
  // Pre-release: [sep] (a|b|rc|alpha|beta|c|pre|preview) [sep] [N]
  let save = sc.i;
  sc.sep();
  let w = sc.word();
  if (w && PRE_SPELLINGS[w]) {
    v.pre = [PRE_SPELLINGS[w], implicitNumber(sc)];
  } else sc.i = save;
  // Post-release: -N (implicit) or [sep] (post|rev|r) [sep] [N]
  save = sc.i;
  if (sc.peek() === '-' && /[0-9]/.test(s[sc.i + 1] ?? '')) {
    sc.i++;
    v.post = sc.number();
  } else {
    sc.sep();
    w = sc.word();
    if (w && POST_SPELLINGS.has(w)) {
      v.post = implicitNumber(sc);
    } else sc.i = save;
  }
  // Dev release: [sep] dev [sep] [N]
  save = sc.i;
  sc.sep();
  w = sc.word();
  if (w === 'dev') {
    v.dev = implicitNumber(sc);
  } else sc.i = save;
  // Local version: + segments of [a-z0-9] separated by . - _
  if (sc.peek() === '+') {
    sc.i++;
    const rest = s.slice(sc.i);
    if (!/^[a-z0-9]+([._-][a-z0-9]+)*$/.test(rest)) return undefined;
    v.local = rest.split(/[._-]/).map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
    sc.i = s.length;
  }
  if (!sc.done) return undefined;
  return v;
}

/** The normalised spelling (PEP 440 "Normalization"). */
export function normalizePep440(v: Pep440Version): string {
  let out = v.epoch ? `${v.epoch}!` : '';
  out += v.release.join('.');
  if (v.pre) out += `${v.pre[0]}${v.pre[1]}`;
  if (v.post !== undefined) out += `.post${v.post}`;
  if (v.dev !== undefined) out += `.dev${v.dev}`;
  if (v.local) out += `+${v.local.join('.')}`;
  return out;
}

function cmpRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

const PRE_ORDER: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** Sort key pieces for pre: dev-only releases sort before any pre-release; finals after all. */
function preKey(v: Pep440Version): [number, number] {
  if (v.pre) return [PRE_ORDER[v.pre[0]], v.pre[1]];
  if (v.post === undefined && v.dev !== undefined) return [-1, 0];
  return [3, 0];
}

function cmpLocal(a?: Array<string | number>, b?: Array<string | number>): number {
  if (!a && !b) return 0;
  if (!a) return -1;
  if (!b) return 1;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'number') return 1;
    else if (typeof y === 'number') return -1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function comparePep440(a: Pep440Version, b: Pep440Version, ignoreLocal = false): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const r = cmpRelease(a.release, b.release);
  if (r) return r;
  const pa = preKey(a);
  const pb = preKey(b);
  if (pa[0] !== pb[0]) return pa[0] < pb[0] ? -1 : 1;
  if (pa[1] !== pb[1]) return pa[1] < pb[1] ? -1 : 1;
  const qa = a.post ?? -1;
  const qb = b.post ?? -1;
  if (qa !== qb) return qa < qb ? -1 : 1;
  const da = a.dev ?? Infinity;
  const db = b.dev ?? Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return ignoreLocal ? 0 : cmpLocal(a.local, b.local);
}

export function isPrerelease(v: Pep440Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

function stripLocal(v: Pep440Version): Pep440Version {
  const { local: _local, ...rest } = v;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Specifiers

export type Pep440Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface Pep440Specifier {
  op: Pep440Operator;
  /** The version text as written (for ===, the arbitrary string). */
  version: string;
  /** Parsed version; undefined only for === with a non-PEP 440 string. */
  parsed?: Pep440Version;
  /** `==1.2.*` / `!=1.2.*` */
  wildcard: boolean;
}

const OPERATORS: Pep440Operator[] = ['===', '~=', '==', '!=', '<=', '>=', '<', '>'];

/** Parses one clause like `>=1.0`, `==2.*`, `~=1.4.5`; undefined when it is not valid PEP 440. */
export function parseSpecifier(clause: string): Pep440Specifier | undefined {
  const c = clause.trim();
  const op = OPERATORS.find((o) => c.startsWith(o));
  if (!op) return undefined;
  const version = c.slice(op.length).trim();
  if (!version) return undefined;
  if (op === '===') return { op, version, parsed: parsePep440(version), wildcard: false };
  let wildcard = false;
  let text = version;
  if (text.endsWith('.*')) {
    if (op !== '==' && op !== '!=') return undefined;
    wildcard = true;
    text = text.slice(0, -2);
  }
  const parsed = parsePep440(text);
  if (!parsed) return undefined;
  if (wildcard && (parsed.local || parsed.dev !== undefined)) return undefined;
  if (op === '~=' && (parsed.release.length < 2 || parsed.local)) return undefined;
  if ((op === '<' || op === '>' || op === '<=' || op === '>=') && parsed.local) return undefined;
  return { op, version, parsed, wildcard };
}

/** Parses a comma-separated specifier set (`>=1.0,!=1.3.*,<2`); undefined when any clause is invalid. */
export function parseSpecifierSet(text: string): Pep440Specifier[] | undefined {
  const t = text.trim();
  if (!t) return [];
  const out: Pep440Specifier[] = [];
  for (const part of t.split(',')) {
    const s = parseSpecifier(part);
    if (!s) return undefined;
    out.push(s);
  }
  return out;
}

/** Prefix match for `==V.*`: the candidate's public release, padded, starts with the spec's. */
function wildcardMatch(spec: Pep440Version, v: Pep440Version): boolean {
  if (spec.epoch !== v.epoch) return false;
  // The spec prefix includes its pre/post parts when present (==1.0rc1.* is legal but rare).
  const prefix = spec.release;
  for (let i = 0; i < prefix.length; i++) if ((v.release[i] ?? 0) !== prefix[i]) return false;
  if (spec.pre) return v.pre !== undefined && v.pre[0] === spec.pre[0] && v.pre[1] === spec.pre[1];
  if (spec.post !== undefined) return v.post === spec.post;
  return true;
}

/** Whether a version satisfies one specifier clause (pre-release gating is left to the caller). */
export function satisfies(v: Pep440Version, spec: Pep440Specifier): boolean {
  const p = spec.parsed;
  switch (spec.op) {
    case '===':
      return v.raw.trim().toLowerCase() === spec.version.toLowerCase();
    case '==':
    case '!=': {
      let eq: boolean;
      if (spec.wildcard) eq = wildcardMatch(p!, v);
      // A spec without a local label matches any local build of that version.
      else eq = comparePep440(p!.local ? v : stripLocal(v), p!) === 0;
      return spec.op === '==' ? eq : !eq;
    }
    case '~=': {
      // ~=X.Y.Z  means  >=X.Y.Z, ==X.Y.*
      if (comparePep440(v, p!, true) < 0) return false;
      const prefix: Pep440Version = { epoch: p!.epoch, release: p!.release.slice(0, -1), raw: '' };
      return wildcardMatch(prefix, v);
    }
    case '<=':
      return comparePep440(v, p!, true) <= 0;
    case '>=':
      return comparePep440(v, p!, true) >= 0;
    case '<': {
      if (comparePep440(v, p!, true) >= 0) return false;
      // <V excludes pre-releases of V itself unless V is a pre-release.
      if (!isPrerelease(p!) && isPrerelease(v) && cmpRelease(v.release, p!.release) === 0 && v.epoch === p!.epoch) return false;
      return true;
    }
    case '>': {
      if (comparePep440(v, p!, true) <= 0) return false;
      // >V excludes post-releases of V unless V is a post-release, and local versions of V.
      if (p!.post === undefined && v.post !== undefined && cmpRelease(v.release, p!.release) === 0 && v.epoch === p!.epoch && !v.pre && !p!.pre) return false;
      if (v.local && comparePep440(stripLocal(v), p!) === 0) return false;
      return true;
    }
  }
}

export function satisfiesAll(v: Pep440Version, specs: Pep440Specifier[]): boolean {
  return specs.every((s) => satisfies(v, s));
}

/**
 * The single version a specifier set pins, if it pins one: `==1.2.3` (not a wildcard) or `===x`.
 * Ranges like `>=1,<2` do not pin: the installed version is unknown without a lock.
 */
export function pinnedVersion(specs: Pep440Specifier[]): string | undefined {
  const eq = specs.find((s) => (s.op === '==' && !s.wildcard) || s.op === '===');
  return eq ? eq.version : undefined;
}

/** Convenience: compare two version strings; NaN when either is not PEP 440. */
export function compareVersionStrings(a: string, b: string): number {
  const x = parsePep440(a);
  const y = parsePep440(b);
  if (!x || !y) return NaN;
  return comparePep440(x, y);
}

/** PEP 503 name normalisation: runs of -_. become one '-', lowercase. */
export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}
