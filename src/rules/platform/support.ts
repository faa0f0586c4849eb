// Shared plumbing for the platform rules: each reports the issues analyze.ts found for its rule id,
// at the line of the flag / env var / config key, with severity following exposure for missing
// authentication (reachable from outside: critical; only inside the cluster: lower).
import type { Rule, RuleContext, RuleMeta, Severity } from '../../core/types.js';
import { mlSitesParser, strongest, type ExposureLevel, type MlSitesModel, type Site } from '../../analysis/ml-services/sites.js';
import type { ServiceIssue } from '../../analysis/ml-services/analyze.js';

export const NIST_190 = (section: string) => `https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf#${section}`;
export const ATLAS = (t: string) => `https://atlas.mitre.org/techniques/${t}`;

const AUTH_SEVERITY: Record<ExposureLevel, Severity | undefined> = { external: 'critical', gateway: 'high', host: 'high', unknown: undefined, cluster: 'medium', local: 'low' };

/** Severity of an issue on a site, or undefined when it does not apply there (a bind on an unreachable network). */
export function issueSeverity(issue: ServiceIssue, site: Site, ruleDefault: Severity): Severity | undefined {
  const level = strongest(site.exposures)?.level ?? 'unknown';
  if (issue.bind && (level === 'cluster' || level === 'local')) return undefined;
  if (issue.auth) return AUTH_SEVERITY[level] ?? issue.severity ?? ruleDefault;
  return issue.severity ?? ruleDefault;
}

export function reportIssues(model: MlSitesModel, ctx: RuleContext, meta: RuleMeta): void {
  for (const site of model.sites) {
    for (const issue of site.analysis.issues) {
      if (issue.rule !== meta.id) continue;
      const severity = issueSeverity(issue, site, meta.severity);
      if (!severity) continue;
      const exp = strongest(site.exposures);
      const reach = issue.auth && exp && exp.level !== 'unknown' ? `; reachable: ${exp.via}` : '';
      const whereKey = issue.where.kind === 'env' ? issue.where.name : issue.where.kind === 'config' ? issue.where.key : issue.where.kind;
      ctx.report({
        message: `${site.label}: ${issue.message}${reach}`,
        location: { line: site.line(issue.where) },
        key: `${site.key}/${meta.id}/${whereKey}`,
        ...(issue.value !== undefined ? { evidence: issue.where.kind === 'env' ? `${issue.where.name}=${issue.value}` : issue.where.kind === 'config' ? `${issue.where.key} = ${issue.value}` : issue.value } : {}),
        severity,
        properties: { ...site.properties, service: issue.service, ...(exp ? { exposure: exp.level, exposedVia: exp.via } : {}) },
      });
    }
  }
}

/** A rule whose findings are the analysis issues carrying its id. */
export function issueRule(meta: RuleMeta): Rule<MlSitesModel> {
  return { meta, parser: mlSitesParser, check: (model, ctx) => reportIssues(model, ctx, meta) };
}
