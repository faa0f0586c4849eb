// The hook between a version read from a live service and the bundled advisory database
// (src/advisories/). A database that fails to load or answer yields no matches, never a failed probe.
import { matchAdvisories } from '../../advisories/db.js';

export interface AdvisoryMatch {
  id: string;
  severity?: string;
  summary?: string;
  aliases?: string[];
  fixed?: string;
  url?: string;
}

type MatchFn = (ecosystem: string, name: string, version: string) => unknown;

/** Advisories affecting this package version; [] when the database is absent or has none. */
export async function lookupAdvisories(ecosystem: string, name: string, version: string, impl?: MatchFn): Promise<AdvisoryMatch[]> {
  const fn = impl ?? matchAdvisories;
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
