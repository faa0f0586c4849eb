// Shared plumbing for the platform rules that judge an ML service's settings.
//
// Why the split: knowledge is data, judgement is in the rules. The catalog
// (src/knowledge/ml-services/catalog.ts) says how to recognise a service and where each of its
// named settings is written; the parser (src/parsers/ml-services) reports facts — the services
// each site runs and the settings found, with where. Each rule file holds its own rows (a setting,
// a named predicate from values.ts, the message) or a test over several settings; `serviceRule`
// evaluates them over the facts and reports at the line of the flag / env var / config key, with
// severity following exposure for missing authentication (reachable from outside: critical; only
// inside the cluster: lower).
//
// Exposure of a Kubernetes container is known only once every manifest was read: the Service that
// publishes it (LoadBalancer / NodePort / externalIPs) or the Ingress routing to it often lives in
// another file. So issues whose severity follows exposure (missing authentication, listen addresses)
// on Kubernetes sites are prepared during `check` and judged in `finish`, joined scan-wide by
// resolved namespace, selector -> pod labels and targetPort (number or name) -> container port
// (exposure-join.ts). Everything else is reported from `check` directly.
import type { Location, ReportInput, Rule, RuleContext, RuleMeta, Severity } from '../../core/types.js';
import { mlSitesParser, strongest, type Exposure, type ExposureLevel, type MlSitesModel, type Site } from '../../parsers/ml-services/sites.js';
import type { Analysis, DetectedService, FoundSetting, SettingWhere } from '../../parsers/ml-services/analyze.js';
import { serviceById } from '../../knowledge/ml-services/catalog.js';
import type { Predicate } from '../../knowledge/ml-services/values.js';
import { sharedExposureIndex, type JoinSite } from './exposure-join.js';

export const NIST_190 = (section: string) => `https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf#${section}`;
export const ATLAS = (t: string) => `https://atlas.mitre.org/techniques/${t}`;

/** One problem a rule found with a service on a site. */
export interface ServiceIssue {
  /** The service (catalog id) it concerns. */
  service: string;
  message: string;
  where: SettingWhere;
  value?: string;
  severity?: Severity;
  /** Missing authentication: severity follows exposure, and the service counts as open (platform/ml-api-exposed). */
  auth: boolean;
  /** A listen address: reported only where the network is reachable. */
  bind: boolean;
  /** `value` is a credential (mask it, fingerprint by its hash). */
  secret?: boolean;
}

interface CheckBase {
  /** The catalog service whose settings it reads. */
  service: string;
  severity?: Severity;
  /** The problem is missing authentication: severity then follows exposure. */
  auth?: boolean;
  /** A listen address: only a problem when the network it listens on is reachable. */
  bind?: boolean;
}

/** One setting whose value is unsafe when `when` holds. */
export interface ValueCheck extends CheckBase {
  /** A setting name of the service in the catalog. */
  setting: string;
  when: Predicate;
  message: (value: string) => string;
}

/** A setting that must be given. */
export interface MissingCheck extends CheckBase {
  /** A setting name of the service in the catalog: reported when it is not given at all. */
  missing: string;
  message: string;
  /** Only on the head of a cluster (ray start --head / KubeRay head group). */
  onlyHead?: boolean;
}

/** Read access to one service's settings, by catalog name. */
export interface SettingQuery {
  /** The first occurrence (flags, then env, then config). */
  get(setting: string): FoundSetting | undefined;
  /** Every occurrence (a repeatable flag is given once per value), then env, then config. */
  all(setting: string): FoundSetting[];
}

/** A check that reads several settings together (Triton: a mode, the endpoints it applies to and their restrictions). */
export interface CombinedCheck extends CheckBase {
  /** The value found is a credential: masked in evidence, hashed into the fingerprint. */
  secret?: boolean;
  /** The problem, where to report it (undefined: the site) and its message; undefined when there is none. */
  test(q: SettingQuery): { at?: FoundSetting; message: string; severity?: Severity } | undefined;
}

export type ServiceCheck = ValueCheck | MissingCheck | CombinedCheck;

/** The settings of a detected service; a name the catalog does not define for it is a bug in the rule, not a missing setting. */
export function settingQuery(svc: DetectedService): SettingQuery {
  const known = serviceById(svc.id)?.settings ?? {};
  const all = (setting: string) => {
    if (!known[setting]) throw new Error(`the catalog defines no setting '${setting}' for service ${svc.id}`);
    return svc.settings[setting] ?? [];
  };
  return { get: (setting) => all(setting)[0], all };
}

/** The issues a rule's checks find on one analysis: services in catalog order, checks in the rule's order. */
export function evaluateChecks(checks: readonly ServiceCheck[], analysis: Analysis): ServiceIssue[] {
  const out: ServiceIssue[] = [];
  for (const svc of analysis.services) {
    let q: SettingQuery | undefined;
    for (const check of checks) {
      if (check.service !== svc.id) continue;
      q ??= settingQuery(svc);
      const issue = evaluateCheck(check, svc, q);
      if (issue) out.push(issue);
    }
  }
  return out;
}

function evaluateCheck(check: ServiceCheck, svc: DetectedService, q: SettingQuery): ServiceIssue | undefined {
  const auth = check.auth === true;
  if ('test' in check) {
    const r = check.test(q);
    if (!r) return undefined;
    const severity = r.severity ?? check.severity;
    return {
      service: svc.id, message: r.message, where: r.at?.where ?? { kind: 'site' }, ...(r.at ? { value: r.at.value } : {}),
      ...(severity ? { severity } : {}), auth, bind: check.bind === true, ...(check.secret ? { secret: true } : {}),
    };
  }
  if ('missing' in check) {
    if ((check.onlyHead && !svc.head) || q.get(check.missing)) return undefined;
    return { service: svc.id, message: check.message, where: { kind: 'site' }, ...(check.severity ? { severity: check.severity } : {}), auth, bind: false };
  }
  // A value from a Secret reference is present but unknown: no value test can judge it.
  const found = q.get(check.setting);
  if (!found || found.reference || !check.when(found.value)) return undefined;
  return { service: svc.id, message: check.message(found.value), where: found.where, value: found.value, ...(check.severity ? { severity: check.severity } : {}), auth, bind: check.bind === true };
}

// hostNetwork / hostPort / compose network_mode: host listen on the node's own addresses, as a NodePort
// does: outside, like LoadBalancer / NodePort / Ingress. The KServe gateway has its own auth hooks: high.
const AUTH_SEVERITY: Record<ExposureLevel, Severity | undefined> = { external: 'critical', gateway: 'high', host: 'critical', unknown: undefined, cluster: 'medium', local: 'low' };

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

/** A platform rule that judges the facts of each ML site; `judge` is exposed for rules that combine others' verdicts. */
export interface SiteRule extends Rule<MlSitesModel> {
  judge(analysis: Analysis, kind?: Site['kind']): ServiceIssue[];
  /** The rows `judge` evaluates, when it is made of rows (serviceRule). */
  checks?: readonly ServiceCheck[];
}

/** A rule whose findings are the issues its checks find on each site's services. */
export function serviceRule(meta: RuleMeta, checks: readonly ServiceCheck[]): SiteRule {
  return { ...siteRule(meta, (analysis) => evaluateChecks(checks, analysis), checks.some((c) => c.auth === true || c.bind === true)), checks };
}

/**
 * A rule whose findings are the issues `judge` finds on each site. With `exposure`, issues whose
 * severity follows exposure (auth, bind) on Kubernetes sites wait for every Service / Ingress of the scan.
 */
export function siteRule(meta: RuleMeta, judge: SiteRule['judge'], exposure: boolean): SiteRule {
  if (!exposure) {
    return {
      meta,
      parser: mlSitesParser,
      judge,
      check(model, ctx) {
        for (const site of model.sites) {
          for (const issue of judge(site.analysis, site.kind)) {
            const f = issueFinding(site, issue, meta);
            if (f) ctx.report(f);
          }
        }
      },
    };
  }
  return {
    meta,
    parser: mlSitesParser,
    judge,
    async check(model, ctx: RuleContext) {
      const deferred = deferredOf(ctx.state);
      const rec = await sharedExposureIndex(ctx.shared).record(model, ctx, meta.id);
      const at: Location = { path: ctx.entry.path, ...(ctx.entry.innerPath ? { innerPath: ctx.entry.innerPath } : {}) };
      for (const site of model.sites) {
        for (const issue of judge(site.analysis, site.kind)) {
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
