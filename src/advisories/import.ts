// Builds an advisory bundle from an OSV export: the per-ecosystem zip osv.dev publishes
// (https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip), a directory of OSV JSON files
// (a checkout of github/advisory-database or pypa/advisory-database's JSON, recursively), a single
// OSV record, a JSON array of records, or another bundle. Records are kept when they name a tracked
// package; our non-PyPI records (Go/NVIDIA) from the bundled snapshot are carried over unless the
// export has its own record for the same flaw. Used by `mlwarden db update` and
// scripts/advisories/build-db.ts.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../io/zip/zip-reader.js';
import { openZipMember } from '../io/zip/open-member.js';
import { FileSource, readAll } from '../io/sources.js';
import { ArchiveBudget, DEFAULT_LIMITS } from '../core/limits.js';
import { sniff } from '../core/sniff.js';
import { BUNDLE_FORMAT, type AdvisoryBundle } from './db.js';
import { isTracked } from './tracked.js';
import type { OsvRecord } from './osv.js';

/** OSV exports are large (PyPI: ~20k records); the caps are generous but finite. */
const LIMITS = { ...DEFAULT_LIMITS, maxArchiveMembers: 500_000, maxEntryBytes: 64 * 1024 * 1024, maxArchiveTotalBytes: 8 * 1024 ** 3 };
const MAX_FILES = 500_000;

export interface ImportResult {
  bundle: AdvisoryBundle;
  read: number;
  kept: number;
  skippedFiles: string[];
}

function isRecord(v: unknown): v is OsvRecord {
  return typeof v === 'object' && v !== null && typeof (v as OsvRecord).id === 'string' && Array.isArray((v as OsvRecord).affected);
}

/** Records in one parsed JSON document (a record, an array, or a bundle). */
function recordsIn(doc: unknown): OsvRecord[] {
  if (Array.isArray(doc)) return doc.filter(isRecord);
  if (isRecord(doc)) return [doc];
  if (doc && typeof doc === 'object' && Array.isArray((doc as AdvisoryBundle).advisories)) return (doc as AdvisoryBundle).advisories.filter(isRecord);
  return [];
}

export function keepTracked(r: OsvRecord): boolean {
  return !r.withdrawn && (r.affected ?? []).some((a) => a.package && isTracked(a.package.ecosystem, a.package.name));
}

async function* fromZip(file: string, size: number, skipped: string[]): AsyncGenerator<OsvRecord> {
  const src = new FileSource(file, size);
  try {
    const zip = await readZip(src, LIMITS.maxArchiveMembers);
    const ctx = { limits: LIMITS, budget: new ArchiveBudget(LIMITS) };
    for (const m of zip.members) {
      if (m.isDirectory || !m.name.toLowerCase().endsWith('.json')) continue;
      try {
        const member = await openZipMember(src, m, ctx, `${file}!${m.name}`);
        yield* recordsIn(JSON.parse((await readAll(member, LIMITS.maxEntryBytes, m.name)).toString('utf8')));
      } catch (e) {
        skipped.push(`${m.name}: ${(e as Error).message}`);
      }
    }
  } finally {
    await src.close();
  }
}

function* walkJson(dir: string): Generator<string> {
  const stack = [dir];
  let n = 0;
  while (stack.length) {
    const d = stack.pop()!;
    for (const ent of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (ent.name.startsWith('.')) continue;
      const p = join(d, ent.name);
      if (ent.isDirectory()) stack.push(p);
      else if (ent.isFile() && ent.name.toLowerCase().endsWith('.json')) {
        if (++n > MAX_FILES) return;
        yield p;
      }
    }
  }
}

async function* fromFile(file: string, skipped: string[]): AsyncGenerator<OsvRecord> {
  const size = statSync(file).size;
  const src = new FileSource(file, size);
  let head: Buffer;
  try {
    head = await src.read(0, 512);
  } finally {
    await src.close();
  }
  if (sniff(head).kind === 'zip') {
    yield* fromZip(file, size, skipped);
    return;
  }
  try {
    const s = new FileSource(file, size);
    const buf = await readAll(s, LIMITS.maxEntryBytes, file).finally(() => s.close());
    yield* recordsIn(JSON.parse(buf.toString('utf8')));
  } catch (e) {
    skipped.push(`${file}: ${(e as Error).message}`);
  }
}

/** Reads OSV records from a zip, a JSON file or a directory tree of JSON files. */
export async function* readOsvExport(from: string, skipped: string[] = []): AsyncGenerator<OsvRecord> {
  if (statSync(from).isDirectory()) {
    for (const f of walkJson(from)) yield* fromFile(f, skipped);
  } else yield* fromFile(from, skipped);
}

/**
 * Imports records from `from`, keeps tracked packages, and carries over `base` records (the
 * bundled snapshot) for ecosystems the export does not cover or flaws it does not name.
 */
export async function importOsv(from: string, opts: { base?: AdvisoryBundle; source?: string; date?: string } = {}): Promise<ImportResult> {
  const skippedFiles: string[] = [];
  const kept = new Map<string, OsvRecord>();
  let read = 0;
  let newest = '';
  for await (const r of readOsvExport(from, skippedFiles)) {
    read++;
    if (!keepTracked(r)) continue;
    const prev = kept.get(r.id);
    if (!prev || (r.modified ?? '') > (prev.modified ?? '')) kept.set(r.id, r);
    if ((r.modified ?? '') > newest) newest = r.modified;
  }
  const imported = [...kept.values()];
  const names = new Set<string>();
  const ecosystems = new Set<string>();
  for (const r of imported) {
    names.add(r.id);
    for (const a of r.aliases ?? []) names.add(a);
    for (const a of r.affected ?? []) ecosystems.add(a.package.ecosystem);
  }
  const carried = (opts.base?.advisories ?? []).filter((r) => {
    if ([r.id, ...(r.aliases ?? [])].some((n) => names.has(n))) return false;
    // A PyPI export replaces our PyPI records; our Go/NVIDIA records stay unless it covers those too.
    return (r.affected ?? []).some((a) => !ecosystems.has(a.package.ecosystem));
  });
  const advisories = [...imported, ...carried].sort((a, b) => a.id.localeCompare(b.id));
  const date = opts.date ?? (newest ? newest.slice(0, 10) : new Date().toISOString().slice(0, 10));
  return {
    bundle: { format: BUNDLE_FORMAT, generated: date, source: opts.source ?? `OSV export ${from}`, advisories },
    read,
    kept: imported.length,
    skippedFiles,
  };
}
