// Applies the context model (knowledge/contexts.ts) to a scan's findings: each finding on a file
// gets `properties.context`, and a contextual finding outside production is capped at low, with
// the severity it would have had kept beside it. Nothing is dropped; the report counts what was
// capped. `context: production` (config) or `--context production` judges every file as deployed.
import { relative, resolve, sep } from 'node:path';
import { CONTEXT_CAP, CONTEXTUAL_DOMAINS, contextOf } from '../knowledge/contexts.js';
import { severityRank } from '../core/severity.js';
import type { Finding } from '../core/types.js';

export type ContextMode = 'auto' | 'production';

/** The deepest of the scan roots (absolute) that holds `abs`, if any. */
export function rootOf(abs: string, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const r of roots) if ((abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep)) && (best === undefined || r.length > best.length)) best = r;
  return best;
}

/**
 * `roots` are the scan roots as absolute paths; a finding's path is judged relative to the root
 * that holds it, so a repository cloned under `~/tests/` is not all tests. Returns how many
 * findings were capped.
 */
export function applyContext(findings: Finding[], roots: string[], cwd: string, mode: ContextMode = 'auto'): number {
  let capped = 0;
  for (const f of findings) {
    if (f.location.url) continue;
    const abs = resolve(cwd, f.location.path);
    const root = rootOf(abs, roots);
    if (root === undefined) continue;
    const ctx = contextOf(relative(root, abs).split(sep).join('/'));
    if (ctx.kind === 'production') continue;
    const context: Record<string, string> = { kind: ctx.kind, why: ctx.why! };
    if (mode === 'auto' && CONTEXTUAL_DOMAINS.has(f.ruleId.split('/')[0]) && severityRank(f.severity) > severityRank(CONTEXT_CAP)) {
      context.severityInProduction = f.severity;
      f.severity = CONTEXT_CAP;
      capped++;
    }
    f.properties = { ...f.properties, context };
  }
  return capped;
}
