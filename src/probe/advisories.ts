// The hook between a version read from a live service and the advisory database, which lives in
// src/advisories/ (built separately). When that module is absent, the lookup returns nothing and the
// probe carries on: a missing database never fails a probe.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface AdvisoryMatch {
  id: string;
  severity?: string;
  summary?: string;
  aliases?: string[];
  fixed?: string;
  url?: string;
}

type MatchFn = (ecosystem: string, name: string, version: string) => unknown;

let loaded: Promise<MatchFn | undefined> | undefined;

async function load(): Promise<MatchFn | undefined> {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith('.ts') ? '.ts' : '.js';
  // The advisory module exports matchAdvisories from db (an index, when there is one, re-exports it).
  for (const name of ['index', 'db']) {
    const file = join(dirname(here), '..', 'advisories', `${name}${ext}`);
    if (!existsSync(file)) continue;
    try {
      const mod = (await import(pathToFileURL(file).href)) as { matchAdvisories?: MatchFn };
      if (typeof mod.matchAdvisories === 'function') return mod.matchAdvisories;
    } catch {
      // fall through to the next candidate
    }
  }
  return undefined;
}

/** Advisories affecting this package version; [] when the database is absent or has none. */
export async function lookupAdvisories(ecosystem: string, name: string, version: string, impl?: MatchFn): Promise<AdvisoryMatch[]> {
  const fn = impl ?? (await (loaded ??= load()));
  if (!fn) return [];
  try {
    const res = await fn(ecosystem, name, version.replace(/^v/, ''));
    if (!Array.isArray(res)) return [];
    return res
      .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && typeof (a as { id?: unknown }).id === 'string')
      .map((a) => ({
        id: a.id as string,
        ...(typeof a.severity === 'string' ? { severity: a.severity } : {}),
        ...(typeof a.summary === 'string' ? { summary: a.summary } : {}),
        ...(Array.isArray(a.aliases) ? { aliases: a.aliases.filter((x): x is string => typeof x === 'string') } : {}),
        ...(typeof a.fixed === 'string' ? { fixed: a.fixed } : {}),
        ...(typeof a.url === 'string' ? { url: a.url } : {}),
      }));
  } catch {
    return [];
  }
}
