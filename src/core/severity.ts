import { UsageError } from './errors.js';
import { SEVERITIES, type Severity } from './types.js';

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return RANK[s] >= RANK[threshold];
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** Accepts any case; 'none' (only for --fail-on) means never fail. */
export function parseSeverity(v: string, what: string): Severity {
  const s = v.trim().toLowerCase();
  if (isSeverity(s)) return s;
  throw new UsageError(`${what}: '${v}' is not a severity (use ${SEVERITIES.join(', ')})`);
}

export function compareFindingsBySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return RANK[b.severity] - RANK[a.severity];
}
