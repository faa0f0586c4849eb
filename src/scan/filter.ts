// The filter layer between the engine and the reporters: inline suppressions (already marked by
// the engine), then the ignore file, then the baseline, then --severity. Suppressed findings are
// kept aside, not dropped, so SARIF can show them as suppressions and audits can count them.
import { matchIgnore, type IgnoreEntry } from '../config/ignore-file.js';
import { atLeast, compareFindingsBySeverity } from '../core/severity.js';
import type { Finding, Severity } from '../core/types.js';

export interface FilterOptions {
  ignores?: IgnoreEntry[];
  baseline?: Set<string>;
  minSeverity?: Severity;
}

export function filterFindings(all: Finding[], opts: FilterOptions): { shown: Finding[]; suppressed: Finding[] } {
  const shown: Finding[] = [];
  const suppressed: Finding[] = [];
  const seen = new Set<string>();
  for (const f of all) {
    // The same problem found twice (e.g. a file reached through two roots) is reported once.
    const dedupe = `${f.fingerprint}\0${f.location.line ?? ''}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    if (!f.suppression) {
      const ig = opts.ignores && matchIgnore(opts.ignores, f);
      if (ig) f.suppression = { kind: 'ignore-file', ...(ig.reason ? { reason: ig.reason } : {}) };
      else if (opts.baseline?.has(f.fingerprint)) f.suppression = { kind: 'baseline', reason: 'in baseline' };
    }
    if (f.suppression) suppressed.push(f);
    else if (!opts.minSeverity || atLeast(f.severity, opts.minSeverity)) shown.push(f);
  }
  return { shown: sortFindings(shown), suppressed: sortFindings(suppressed) };
}

export function sortFindings(fs: Finding[]): Finding[] {
  return fs.sort(
    (a, b) =>
      compareFindingsBySeverity(a, b) ||
      a.location.path.localeCompare(b.location.path) ||
      (a.location.innerPath ?? '').localeCompare(b.location.innerPath ?? '') ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}
