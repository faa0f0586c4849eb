import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/verbose-errors',
  title: "Error responses include stack traces",
  severity: 'low',
  description:
    "A request for a nonexistent or malformed path returned a stack trace or debug page. Stack traces reveal code paths, library versions and file locations that narrow down which exploits will work.",
  remediation:
    "Disable debug mode and return generic error bodies; log details on the server side only.",
  references: ["https://cwe.mitre.org/data/definitions/209.html", "https://owasp.org/www-project-top-ten/2017/A6_2017-Security_Misconfiguration"],
  tags: ["endpoint", "information-disclosure"],
};

const judge: Judge<'verbose-error'> = (o, facts) => ({
  message: `${facts.services.map((s) => s.name).join(', ')} returns a ${o.trace} in error responses, revealing code paths, library versions and file locations`,
});

export default observationRule(meta, 'verbose-error', judge);
