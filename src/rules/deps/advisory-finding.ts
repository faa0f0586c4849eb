// Shared by deps/vulnerable-package and deps/vulnerable-image: turns advisory matches into one
// finding per package occurrence — the worst severity, every advisory id, and the single upgrade
// that clears all of them on the user's release line.
import { getDatabase, type AdvisoryDatabase, type AdvisoryMatch } from '../../advisories/db.js';
import { comparePep440, parsePep440 } from '../../advisories/versions/pep440.js';
import { compareLooseStrings } from '../../advisories/versions/semver.js';
import type { RuleContext, Severity } from '../../core/types.js';

/**
 * The advisory database for a scan: the one the caller's environment names (the CLI passes its
 * own as `ruleOptions.advisoryEnv`), else the bundled snapshot. Never process.env, so library
 * scans and tests are not steered by whatever database a developer keeps in ~/.cache.
 */
export function databaseFor(ctx: RuleContext): AdvisoryDatabase {
  const env = ctx.options.advisoryEnv;
  return getDatabase(env && typeof env === 'object' ? (env as NodeJS.ProcessEnv) : null);
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function cmp(ecosystem: string, a: string, b: string): number {
  if (ecosystem === 'PyPI') {
    const x = parsePep440(a);
    const y = parsePep440(b);
    if (x && y) return comparePep440(x, y);
  }
  const c = compareLooseStrings(a, b);
  return Number.isNaN(c) ? a.localeCompare(b) : c;
}

export interface AdvisorySummary {
  severity: Severity;
  ids: string[];
  /** The lowest version that fixes every matched advisory that has a fix. */
  upgradeTo?: string;
  /** Advisories with no fixed release. */
  unfixed: string[];
  text: string;
  properties: Record<string, unknown>;
}

/** The id people search for: the CVE when there is one. */
export function displayId(m: AdvisoryMatch): string {
  return [m.id, ...m.aliases].find((a) => a.startsWith('CVE-')) ?? m.id;
}

/**
 * What a match weighs in the finding: an advisory its vendor disputes as intended behaviour, with
 * no release that changes it, leaves nothing to upgrade to, so it is at most low (ShadowRay was 215
 * of 431 critical findings on real repositories, the newest Ray included: #18). What protects
 * there is configuration, which the platform/* rules judge (exposure, authentication).
 */
function weight(m: AdvisoryMatch, host: Host): Severity {
  if (m.disputed && !m.fixed && RANK[m.severity] < RANK.low) return 'low';
  // An OS-specific flaw: none on a Linux image or host; on an unknown host, at most medium.
  if (m.platforms && !m.platforms.includes('linux')) return host === 'linux' ? 'info' : RANK[m.severity] < RANK.medium ? 'medium' : m.severity;
  return m.severity;
}

/** Where the package runs: 'linux' for container images and Dockerfiles, else not known. */
export type Host = 'linux' | 'unknown';

export function summarize(db: AdvisoryDatabase, ecosystem: string, name: string, version: string, matches: AdvisoryMatch[], host: Host = 'unknown'): AdvisorySummary {
  const severity = matches.map((m) => weight(m, host)).reduce<Severity>((s, w) => (RANK[w] < RANK[s] ? w : s), 'info');
  let upgradeTo: string | undefined;
  const unfixed: string[] = [];
  for (const m of matches) {
    if (!m.fixed) unfixed.push(displayId(m));
    else if (!upgradeTo || cmp(ecosystem, m.fixed, upgradeTo) > 0) upgradeTo = m.fixed;
  }
  const ids = matches.map(displayId);
  const shown = ids.slice(0, 6).join(', ') + (ids.length > 6 ? `, +${ids.length - 6} more` : '');
  const n = matches.length;
  let text = `${name} ${version} is affected by ${n} known ${n === 1 ? 'vulnerability' : 'vulnerabilities'} (${shown})`;
  if (n === 1) text += `: ${matches[0].summary}`;
  if (upgradeTo) text += `; upgrade to ${upgradeTo} or later`;
  if (unfixed.length) text += `${upgradeTo ? ';' : ':'} no fixed release for ${unfixed.join(', ')}`;
  const osOnly = matches.filter((m) => m.platforms && !m.platforms.includes('linux'));
  if (osOnly.length) text += ` (${osOnly.map((m) => `${displayId(m)} affects ${m.platforms!.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('/')} only`).join(', ')}${host === 'linux' ? ': not this Linux image' : ''})`;
  const disputed = matches.filter((m) => m.disputed && !m.fixed).map(displayId);
  if (disputed.length) text += ` (${disputed.join(', ')} disputed by the vendor as intended behaviour: nothing to upgrade to; keep the service off untrusted networks and its authentication on)`;
  const info = db.info;
  return {
    severity,
    ids,
    upgradeTo,
    unfixed,
    text,
    properties: {
      ecosystem,
      package: name,
      version,
      ...(upgradeTo ? { fixedVersion: upgradeTo } : {}),
      advisories: matches.map((m) => ({
        id: m.id,
        aliases: m.aliases,
        severity: m.severity,
        ...(m.score !== undefined ? { cvssScore: m.score } : {}),
        ...(m.cvss ? { cvss: m.cvss } : {}),
        ...(m.fixed ? { fixed: m.fixed } : {}),
        summary: m.summary,
        ...(m.note ? { note: m.note } : {}),
        ...(m.disputed ? { disputed: true } : {}),
        ...(m.platforms ? { platforms: m.platforms } : {}),
        references: m.references.slice(0, 4),
      })),
      advisoryDatabase: `${info.generated} (${info.origin === 'bundled' ? 'bundled snapshot' : info.path})`,
    },
  };
}
