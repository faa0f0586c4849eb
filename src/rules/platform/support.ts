// Shared plumbing for the platform rules: each reports the issues analyze.ts found for its rule id,
// at the line of the flag / env var / config key, with severity following exposure for missing
// authentication (reachable from outside: critical; only inside the cluster: lower).
//
// Exposure of a Kubernetes container is known only once every manifest was read: the Service that
// publishes it (LoadBalancer / NodePort / externalIPs) or the Ingress routing to it often lives in
// another file. So issues whose severity follows exposure (missing authentication, listen addresses)
// on Kubernetes sites are prepared during `check` and judged in `finish`, joined scan-wide by
// resolved namespace, selector -> pod labels and targetPort (number or name) -> container port
// (exposure-join.ts). Everything else is reported from `check` directly.
import type { Location, ReportInput, Rule, RuleContext, RuleMeta, Severity } from '../../core/types.js';
import { mlSitesParser, strongest, type Exposure, type ExposureLevel, type MlSitesModel, type Site } from '../../parsers/ml-services/sites.js';
import type { ServiceIssue } from '../../parsers/ml-services/analyze.js';
import { SERVICES } from '../../knowledge/ml-services/catalog.js';
import { sharedExposureIndex, type JoinSite } from './exposure-join.js';

export const NIST_190 = (section: string) => `https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf#${section}`;
export const ATLAS = (t: string) => `https://atlas.mitre.org/techniques/${t}`;

// hostNetwork / hostPort / compose network_mode: host listen on the node's own addresses, as a NodePort
// does: outside, like LoadBalancer / NodePort / Ingress. The KServe gateway has its own auth hooks: high.
const AUTH_SEVERITY: Record<ExposureLevel, Severity | undefined> = { external: 'critical', gateway: 'high', host: 'critical', unknown: undefined, cluster: 'medium', local: 'low' };

/** Rule ids with at least one check whose severity follows exposure (auth or bind): these join scan-wide. */
export const EXPOSURE_RULES: ReadonlySet<string> = new Set(SERVICES.flatMap((s) => s.checks.filter((c) => c.auth === true || ('bind' in c && c.bind === true)).map((c) => c.rule)));

/** Severity of an issue on a site, or undefined when it does not apply there (a bind on an unreachable network). */
export function issueSeverity(issue: ServiceIssue, site: SiteInfo, ruleDefault: Severity, exposures: Exposure[] = site.exposures): Severity | undefined {
  const level = strongest(exposures)?.level ?? 'unknown';
  if (issue.bind && (level === 'cluster' || level === 'local')) return undefined;
  if (issue.auth) return AUTH_SEVERITY[level] ?? issue.severity ?? ruleDefault;
  return issue.severity ?? ruleDefault;
}

/** The finding for one issue on one site given the exposures known for it, or undefined when it does not apply. */
export function issueFinding(site: SiteInfo, issue: ServiceIssue, meta: RuleMeta, exposures: Exposure[] = site.exposures): ReportInput | undefined {
  const severity = issueSeverity(issue, site, meta.severity, exposures);
  if (!severity) return undefined;
  const exp = strongest(exposures);
  const reach = issue.auth && exp && exp.level !== 'unknown' ? `; reachable: ${exp.via}` : '';
  const whereKey = issue.where.kind === 'env' ? issue.where.name : issue.where.kind === 'config' ? issue.where.key : issue.where.kind;
  return {
    message: `${site.label}: ${issue.message}${reach}`,
    location: { line: site.line(issue.where) },
    key: `${site.key}/${meta.id}/${whereKey}`,
    ...(issue.secret && issue.value !== undefined ? { secret: issue.value } : {}),
    ...(issue.value !== undefined ? { evidence: issue.where.kind === 'env' ? `${issue.where.name}=${issue.value}` : issue.where.kind === 'config' ? `${issue.where.key} = ${issue.value}` : issue.value } : {}),
    severity,
    properties: { ...site.properties, service: issue.service, ...(exp ? { exposure: exp.level, exposedVia: exp.via } : {}) },
  };
}

/** Reports every issue of the rule found on the stream's sites, from check (exposure judged within the file). */
export function reportIssues(model: MlSitesModel, ctx: RuleContext, meta: RuleMeta): void {
  for (const site of model.sites) {
    for (const issue of site.analysis.issues) {
      if (issue.rule !== meta.id) continue;
      const f = issueFinding(site, issue, meta);
      if (f) ctx.report(f);
    }
  }
}

/** What a finding needs from a site; deferred reports keep only this (not the parsed manifest). */
type SiteInfo = Pick<Site, 'label' | 'key' | 'properties' | 'exposures' | 'line'>;

interface Deferred {
  join: JoinSite;
  site: SiteInfo;
  issue: ServiceIssue;
  at: Location;
}

function deferredOf(state: Map<string, unknown>): Deferred[] {
  let d = state.get('deferred') as Deferred[] | undefined;
  if (!d) state.set('deferred', (d = []));
  return d;
}

/** A rule whose findings are the analysis issues carrying its id. */
export function issueRule(meta: RuleMeta): Rule<MlSitesModel> {
  if (!EXPOSURE_RULES.has(meta.id)) return { meta, parser: mlSitesParser, check: (model, ctx) => reportIssues(model, ctx, meta) };
  return {
    meta,
    parser: mlSitesParser,
    async check(model, ctx) {
      const deferred = deferredOf(ctx.state);
      const rec = await sharedExposureIndex(ctx.shared).record(model, ctx, meta.id);
      const at: Location = { path: ctx.entry.path, ...(ctx.entry.innerPath ? { innerPath: ctx.entry.innerPath } : {}) };
      for (const site of model.sites) {
        for (const issue of site.analysis.issues) {
          if (issue.rule !== meta.id) continue;
          // Kubernetes sites whose exposure decides severity wait for every Service / Ingress of the scan.
          if (rec && site.join && (issue.auth || issue.bind)) {
            const line = site.line(issue.where);
            deferred.push({ join: rec.site(site), site: { label: site.label, key: site.key, properties: site.properties, exposures: site.exposures, line: () => line }, issue, at });
            continue;
          }
          const f = issueFinding(site, issue, meta);
          if (f) ctx.report(f);
        }
      }
    },
    finish(ctx) {
      const deferred = deferredOf(ctx.state);
      if (!deferred.length) return;
      const exposuresOf = sharedExposureIndex(ctx.shared).joiner();
      // Scan order is concurrent: sort so findings come out in a stable order.
      const list = [...deferred].sort((a, b) => a.join.at.localeCompare(b.join.at) || a.site.key.localeCompare(b.site.key) || a.issue.message.localeCompare(b.issue.message));
      for (const d of list) {
        const f = issueFinding(d.site, d.issue, meta, [...d.site.exposures, ...exposuresOf(d.join)]);
        if (f) ctx.report({ ...d.at, line: f.location!.line! }, f);
      }
    },
  };
}
