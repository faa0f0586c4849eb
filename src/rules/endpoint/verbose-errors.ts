import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/verbose-errors',
    title: "Error responses include stack traces",
    severity: 'low',
    description:
      "A request for a nonexistent or malformed path returned a stack trace or debug page. Stack traces reveal code paths, library versions and file locations that narrow down which exploits will work.",
    remediation:
      "Disable debug mode and return generic error bodies; log details on the server side only.",
    references: ["https://cwe.mitre.org/data/definitions/209.html", "https://owasp.org/www-project-top-ten/2017/A6_2017-Security_Misconfiguration"],
    tags: ["endpoint", "information-disclosure"],
  },
  'verbose-error',
);
