// The subset of the OSV schema (https://ossf.github.io/osv-schema/) that mlwarden reads and writes,
// and the schema's range evaluation: events sorted by version, a version is affected when the last
// event at or below it is `introduced` (or it is at/below a `last_affected`), and not when it is
// `fixed`. `versions` lists are honoured too. Ordering comes from the package's ecosystem.
import { comparePep440, parsePep440 } from './versions/pep440.js';
import { compareLoose, parseLoose } from './versions/semver.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER' | 'GIT' | string;
  repo?: string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  schema_version?: string;
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: Array<{ type: string; score: string }>;
  affected?: OsvAffected[];
  references?: Array<{ type: string; url: string }>;
  database_specific?: Record<string, unknown>;
}

/** A version in some ecosystem's order. */
export interface Ordering<V> {
  parse(s: string): V | undefined;
  compare(a: V, b: V): number;
}

const pep440Order: Ordering<ReturnType<typeof parsePep440> & object> = { parse: parsePep440, compare: (a, b) => comparePep440(a, b) };
const looseOrder: Ordering<ReturnType<typeof parseLoose> & object> = { parse: parseLoose, compare: compareLoose };

/** PyPI uses PEP 440; Go, npm-style SemVer, and our NVIDIA ecosystem use dotted/SemVer order. */
export function orderingFor(ecosystem: string, rangeType = 'ECOSYSTEM'): Ordering<unknown> {
  if (rangeType === 'ECOSYSTEM' && ecosystem === 'PyPI') return pep440Order as Ordering<unknown>;
  return looseOrder as Ordering<unknown>;
}

const ZERO = '0';

type Prepared = { kind: 'introduced' | 'fixed' | 'last_affected' | 'limit'; at: unknown; zero: boolean };

/** Parsed, sorted events per range and ordering: advisory data is parsed once, not per match. */
const prepared = new WeakMap<OsvRange, Map<Ordering<unknown>, Prepared[]>>();

function prepare(range: OsvRange, ord: Ordering<unknown>): Prepared[] {
  let byOrd = prepared.get(range);
  if (!byOrd) prepared.set(range, (byOrd = new Map()));
  let events = byOrd.get(ord);
  if (events) return events;
  events = [];
  for (const ev of range.events) {
    for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
      const s = ev[kind];
      if (s === undefined) continue;
      if (s === ZERO && kind === 'introduced') {
        events.push({ kind, at: undefined, zero: true });
        continue;
      }
      const at = ord.parse(s);
      if (at !== undefined) events.push({ kind, at, zero: false });
    }
  }
  events.sort((a, b) => (a.zero ? (b.zero ? 0 : -1) : b.zero ? 1 : ord.compare(a.at, b.at)));
  byOrd.set(ord, events);
  return events;
}

/** Whether `version` falls in one OSV range. Unparseable versions are never called affected. */
export function inRange(ecosystem: string, range: OsvRange, version: string): boolean {
  if (range.type === 'GIT') return false;
  const ord = orderingFor(ecosystem, range.type);
  const v = ord.parse(version);
  if (v === undefined) return false;
  let affected = false;
  // Walk the sorted events upward: the last one at or below the version decides.
  for (const e of prepare(range, ord)) {
    const c = e.zero ? 1 : ord.compare(v, e.at);
    if (e.kind === 'limit') {
      if (c >= 0) return false;
      continue;
    }
    // Events above the version no longer decide (an open range stays open up to last_affected).
    if (c < 0) break;
    if (e.kind === 'introduced') affected = true;
    else if (e.kind === 'fixed') affected = false;
    else if (e.kind === 'last_affected') affected = c === 0 ? affected : false;
  }
  return affected;
}

/** Whether an affected[] block covers the version (explicit versions or any range). */
export function affects(a: OsvAffected, version: string): boolean {
  if (a.versions?.length) {
    const ord = orderingFor(a.package.ecosystem);
    const v = ord.parse(version);
    if (v !== undefined && a.versions.some((x) => {
      const y = ord.parse(x);
      return y !== undefined && ord.compare(v, y) === 0;
    })) return true;
  }
  return (a.ranges ?? []).some((r) => inRange(a.package.ecosystem, r, version));
}

/**
 * The lowest fixed version above `version` in the ranges that cover it: the upgrade that clears
 * this advisory on the user's release line (1.x users get the 1.x fix when one exists).
 */
export function fixedAbove(a: OsvAffected, version: string): string | undefined {
  let best: { s: string; v: unknown; ord: Ordering<unknown> } | undefined;
  for (const r of a.ranges ?? []) {
    const ord = orderingFor(a.package.ecosystem, r.type);
    const v = ord.parse(version);
    if (v === undefined) continue;
    for (const ev of r.events) {
      if (!ev.fixed) continue;
      const f = ord.parse(ev.fixed);
      if (f === undefined || ord.compare(f, v) <= 0) continue;
      if (!best || ord.compare(f, best.v) < 0) best = { s: ev.fixed, v: f, ord };
    }
  }
  return best?.s;
}
