import { observationRule, type Judge } from './support.js';
import type { RuleMeta, Severity } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/vulnerable-version',
  title: "Service version has a known vulnerability",
  severity: 'high',
  description:
    "The service revealed its version, and that version is listed as affected in the advisory database. The severity follows the advisory.",
  remediation:
    "Upgrade the service to a fixed version (named in the finding), or apply the vendor's mitigation until you can.",
  references: ["https://osv.dev/", "https://csrc.nist.gov/pubs/sp/800/190/final"],
  tags: ["endpoint", "vulnerability"],
};

/** OSV and GHSA severities as mlwarden's; 'moderate' is GitHub's word for medium. */
function severityOf(s: string | undefined): Severity | undefined {
  const v = (s ?? '').toLowerCase();
  if (v === 'moderate') return 'medium';
  return ['critical', 'high', 'medium', 'low', 'info'].includes(v) ? (v as Severity) : undefined;
}

// The severity follows the advisory; one without a usable severity gets the rule's default.
const judge: Judge<'advisory'> = (o, _facts, service) => {
  const { advisory: a, version } = o.extra;
  const severity = severityOf(a.severity);
  return {
    message: `${service?.name} ${version} is affected by ${a.id}${a.summary ? `: ${a.summary}` : ''}${a.fixed ? ` (fixed in ${a.fixed})` : ''}`,
    ...(severity ? { severity } : {}),
  };
};

export default observationRule(meta, 'advisory', judge);
