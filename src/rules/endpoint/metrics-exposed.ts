import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/metrics-exposed',
    title: "Metrics endpoint is readable without authentication",
    severity: 'low',
    description:
      "Prometheus-style metrics and query APIs were readable without credentials. They reveal model names, request volumes, internal host and pod names, GPU inventory and service topology, which help an attacker plan and time further attacks.",
    remediation:
      "Serve metrics on an internal interface only, protect them with authentication (Prometheus `--web.config.file` basic auth or TLS client certificates) or restrict them with network policy to the scraper.",
    references: ["https://prometheus.io/docs/operating/security/", "https://cwe.mitre.org/data/definitions/200.html", "https://csrc.nist.gov/pubs/sp/800/190/final"],
    tags: ["endpoint", "metrics", "information-disclosure"],
  },
  'metrics',
);
