import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/vulnerable-version',
    title: "Service version has a known vulnerability",
    severity: 'high',
    description:
      "The service revealed its version, and that version is listed as affected in the advisory database. The severity follows the advisory.",
    remediation:
      "Upgrade the service to a fixed version (named in the finding), or apply the vendor's mitigation until you can.",
    references: ["https://osv.dev/", "https://csrc.nist.gov/pubs/sp/800/190/final"],
    tags: ["endpoint", "vulnerability"],
  },
  'advisory',
);
