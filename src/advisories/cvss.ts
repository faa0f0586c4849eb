// CVSS v3.0/v3.1 base score from a vector string (FIRST CVSS v3.1 specification, section 7), so a
// finding's severity follows the advisory's published vector rather than a guess. CVSS v4 vectors
// are not scored here; the advisory's own qualitative severity is used for those.

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };
const PR_U: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_C: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };

/** CVSS "Roundup": the smallest number with one decimal that is >= the input (spec Appendix A). */
function roundUp(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

export function cvss3BaseScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector)) return undefined;
  const m: Record<string, string> = {};
  for (const part of vector.split('/').slice(1)) {
    const [k, v] = part.split(':');
    if (k && v) m[k] = v;
  }
  const { AV: av, AC: ac, PR: pr, UI: ui, S: s, C: c, I: i, A: a } = m;
  if ([av, ac, pr, ui, s, c, i, a].some((x) => x === undefined)) return undefined;
  const changed = s === 'C';
  const prv = (changed ? PR_C : PR_U)[pr];
  if (AV[av] === undefined || AC[ac] === undefined || prv === undefined || UI[ui] === undefined) return undefined;
  if (CIA[c] === undefined || CIA[i] === undefined || CIA[a] === undefined) return undefined;
  const iss = 1 - (1 - CIA[c]) * (1 - CIA[i]) * (1 - CIA[a]);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const exploitability = 8.22 * AV[av] * AC[ac] * prv * UI[ui];
  if (impact <= 0) return 0;
  return changed ? roundUp(Math.min(1.08 * (impact + exploitability), 10)) : roundUp(Math.min(impact + exploitability, 10));
}

export type Qualitative = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** CVSS v3 qualitative rating scale (section 5). */
export function scoreToSeverity(score: number): Qualitative {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
