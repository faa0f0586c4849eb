// The advisory database: OSV records for the ML stack, loaded lazily (first match, not at import)
// and cached for the process. Which file is used, first found wins:
//   1. $MLWARDEN_DB                       (a file written by `mlwarden db update`, or any bundle)
//   2. the user data file from `mlwarden db update`:
//        $XDG_CACHE_HOME/mlwarden/advisories.json, else ~/.cache/mlwarden/advisories.json
//   3. the snapshot bundled with the package: data/advisories/ml-advisories.json
// A bundle is `{ format, generated, source, advisories: OsvRecord[] }`; a bad user file falls back
// to the bundled snapshot with a warning rather than scanning without advisories.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cvss3BaseScore, scoreToSeverity, type Qualitative } from './cvss.js';
import { affects, fixedAbove, type OsvAffected, type OsvRecord } from './osv.js';
import { normalizePackageName } from './versions/pep440.js';

export const BUNDLE_FORMAT = 'mlwarden-osv-bundle/1';

export interface AdvisoryBundle {
  format: string;
  /** ISO date the data was gathered or exported. */
  generated: string;
  /** Where the records came from (e.g. "bundled snapshot", "osv.dev PyPI export"). */
  source: string;
  advisories: OsvRecord[];
}

export interface DatabaseInfo {
  path: string;
  origin: 'env' | 'user' | 'bundled';
  generated: string;
  source: string;
  advisories: number;
  packages: number;
  /** Why a configured file was not used, when it was not. */
  warning?: string;
}

export interface AdvisoryMatch {
  id: string;
  aliases: string[];
  summary: string;
  severity: Qualitative;
  /** CVSS v3 base score when the advisory publishes a v3 vector. */
  score?: number;
  cvss?: string;
  /** Lowest fixed version above the matched one on the user's release line, when one exists. */
  fixed?: string;
  references: string[];
  /** Extra words the advisory carries (e.g. that a CVE is disputed). */
  note?: string;
  /** The vendor or supplier disputes it as intended behaviour (`database_specific.disputed`). */
  disputed?: boolean;
  /** Operating systems it holds on, when not all (`database_specific.platforms`, e.g. ['windows']). */
  platforms?: string[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** data/advisories/ml-advisories.json, whether running from src/ (tsx) or dist/src/ (built). */
export function bundledPath(): string {
  for (const up of ['../..', '../../..']) {
    const p = join(here, up, 'data', 'advisories', 'ml-advisories.json');
    if (existsSync(p)) return p;
  }
  return join(here, '../..', 'data', 'advisories', 'ml-advisories.json');
}

/**
 * Where `mlwarden db update` writes and scans look for a refreshed database, from the given
 * environment only (MLWARDEN_DB, XDG_CACHE_HOME, HOME): undefined when it names none of them, so an
 * empty environment (tests, embedders) never reaches into the real home directory.
 */
export function userDbPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MLWARDEN_DB) return env.MLWARDEN_DB;
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : undefined);
  return base ? join(base, 'mlwarden', 'advisories.json') : undefined;
}

export function parseBundle(text: string, label: string): AdvisoryBundle {
  const data = JSON.parse(text) as Partial<AdvisoryBundle>;
  if (!data || typeof data !== 'object' || !Array.isArray(data.advisories)) throw new Error(`${label}: not an advisory bundle (no 'advisories' array)`);
  return { format: data.format ?? BUNDLE_FORMAT, generated: data.generated ?? 'unknown', source: data.source ?? label, advisories: data.advisories };
}

interface Indexed {
  record: OsvRecord;
  affected: OsvAffected;
}

export class AdvisoryDatabase {
  private index = new Map<string, Indexed[]>();
  constructor(readonly bundle: AdvisoryBundle, readonly info: DatabaseInfo) {
    for (const record of bundle.advisories) {
      if (record.withdrawn) continue;
      for (const a of record.affected ?? []) {
        if (!a.package?.name || !a.package.ecosystem) continue;
        const k = key(a.package.ecosystem, a.package.name);
        const list = this.index.get(k) ?? [];
        list.push({ record, affected: a });
        this.index.set(k, list);
      }
    }
    info.advisories = bundle.advisories.length;
    info.packages = this.index.size;
  }

  /** Whether any advisory names this package (so callers can skip unknown packages cheaply). */
  tracks(ecosystem: string, name: string): boolean {
    return this.index.has(key(ecosystem, name));
  }

  /**
   * Every advisory affecting `name@version`, most severe first. OSV exports carry the same flaw
   * under several ids (GHSA-, PYSEC-, CVE-): records sharing an id or alias become one match.
   */
  match(ecosystem: string, name: string, version: string): AdvisoryMatch[] {
    const list = this.index.get(key(ecosystem, name));
    if (!list) return [];
    const hits = new Map<string, AdvisoryMatch>();
    for (const { record, affected } of list) {
      if (!affects(affected, version)) continue;
      const fixed = fixedAbove(affected, version);
      const prev = hits.get(record.id);
      if (prev) prev.fixed ??= fixed;
      else hits.set(record.id, toMatch(record, fixed));
    }
    // Scored records first, so the merged match keeps a CVSS vector when any alias has one.
    const ordered = [...hits.values()].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.id.localeCompare(b.id));
    const out: AdvisoryMatch[] = [];
    const byName = new Map<string, AdvisoryMatch>();
    for (const m of ordered) {
      const names = [m.id, ...m.aliases];
      const into = names.map((n) => byName.get(n)).find((x) => x !== undefined);
      if (into) {
        for (const n of names) if (n !== into.id && !into.aliases.includes(n)) into.aliases.push(n);
        into.fixed ??= m.fixed;
        into.note ??= m.note;
        into.disputed ||= m.disputed;
        into.platforms ??= m.platforms;
        for (const r of m.references) if (!into.references.includes(r)) into.references.push(r);
        for (const n of names) byName.set(n, into);
        continue;
      }
      const copy = { ...m, aliases: [...m.aliases], references: [...m.references] };
      out.push(copy);
      for (const n of names) byName.set(n, copy);
    }
    return out.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (b.score ?? 0) - (a.score ?? 0) || a.id.localeCompare(b.id));
  }
}

const SEVERITY_RANK: Record<Qualitative, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function key(ecosystem: string, name: string): string {
  // PyPI names are compared in PEP 503 form; other ecosystems case-insensitively.
  return `${ecosystem.toLowerCase()}:${ecosystem === 'PyPI' ? normalizePackageName(name) : name.toLowerCase()}`;
}

function toMatch(r: OsvRecord, fixed: string | undefined): AdvisoryMatch {
  const v3 = r.severity?.find((s) => s.type === 'CVSS_V3');
  const any = v3 ?? r.severity?.[0];
  const score = v3 ? cvss3BaseScore(v3.score) : undefined;
  const qualitative = String(r.database_specific?.severity ?? '').toLowerCase();
  let severity: Qualitative = 'medium';
  if (score !== undefined) severity = scoreToSeverity(score);
  else if (qualitative === 'moderate') severity = 'medium';
  else if (['critical', 'high', 'medium', 'low'].includes(qualitative)) severity = qualitative as Qualitative;
  const note = typeof r.database_specific?.note === 'string' ? (r.database_specific.note as string) : undefined;
  return {
    id: r.id,
    aliases: r.aliases ?? [],
    summary: r.summary ?? (r.details ? r.details.split('\n')[0].slice(0, 200) : r.id),
    severity,
    ...(score !== undefined ? { score } : {}),
    ...(any ? { cvss: any.score } : {}),
    ...(fixed ? { fixed } : {}),
    references: (r.references ?? []).map((x) => x.url),
    ...(note ? { note } : {}),
    ...(r.database_specific?.disputed === true ? { disputed: true } : {}),
    ...(Array.isArray(r.database_specific?.platforms) ? { platforms: (r.database_specific.platforms as unknown[]).filter((x): x is string => typeof x === 'string') } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Lazy, cached loading

let cached: AdvisoryDatabase | undefined;
let cachedFor: string | undefined;
let bundled: AdvisoryDatabase | undefined;

function load(path: string, origin: DatabaseInfo['origin']): AdvisoryDatabase {
  const bundle = parseBundle(readFileSync(path, 'utf8'), path);
  return new AdvisoryDatabase(bundle, { path, origin, generated: bundle.generated, source: bundle.source, advisories: 0, packages: 0 });
}

/**
 * The database for an environment: loaded on first use, then reused while the environment names the
 * same file. `null` means the bundled snapshot only (what library scans use unless the caller hands
 * them an environment through `ruleOptions.advisoryEnv`; the CLI hands over its own).
 */
export function getDatabase(env: NodeJS.ProcessEnv | null = process.env): AdvisoryDatabase {
  if (env === null) {
    if (!bundled) bundled = load(bundledPath(), 'bundled');
    return bundled;
  }
  const user = userDbPath(env);
  const want = `${env.MLWARDEN_DB ?? ''}|${user ?? ''}`;
  if (cached && cachedFor === want) return cached;
  let warning: string | undefined;
  if (user && existsSync(user)) {
    try {
      cached = load(user, env.MLWARDEN_DB ? 'env' : 'user');
      cachedFor = want;
      return cached;
    } catch (e) {
      warning = `advisory database ${user} could not be read (${(e as Error).message}); using the bundled snapshot`;
    }
  } else if (env.MLWARDEN_DB) {
    warning = `MLWARDEN_DB=${env.MLWARDEN_DB} does not exist; using the bundled snapshot`;
  }
  cached = load(bundledPath(), 'bundled');
  if (warning) cached.info.warning = warning;
  cachedFor = want;
  return cached;
}

/** Drops the cached database (after `db update`, and in tests). */
export function resetDatabaseCache(): void {
  cached = undefined;
  bundled = undefined;
  cachedFor = undefined;
}

/**
 * The API other scanners use (the live probe matches the versions services report):
 *   matchAdvisories('PyPI', 'mlflow', '2.9.1') -> [{ id, aliases, severity, fixed, ... }]
 * Ecosystems: 'PyPI', 'Go' (ollama: 'github.com/ollama/ollama'), 'NVIDIA' (see docs/deps.md).
 */
export function matchAdvisories(ecosystem: string, name: string, version: string): AdvisoryMatch[] {
  return getDatabase().match(ecosystem, name, version);
}

/** One line saying which database answered: for reports and `db info`. */
export function databaseLabel(info: DatabaseInfo): string {
  return `${info.origin === 'bundled' ? 'bundled snapshot' : info.path} (${info.generated}, ${info.advisories} advisories)`;
}
