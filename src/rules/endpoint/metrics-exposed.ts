import { checkRule, type CheckVerdicts } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/metrics-exposed',
  title: "Metrics endpoint is readable without authentication",
  severity: 'low',
  description:
    "Prometheus-style metrics and query APIs were readable without credentials. They reveal model names, request volumes, internal host and pod names, GPU inventory and service topology, which help an attacker plan and time further attacks.",
  remediation:
    "Serve metrics on an internal interface only, protect them with authentication (Prometheus `--web.config.file` basic auth or TLS client certificates) or restrict them with network policy to the scraper.",
  references: ["https://prometheus.io/docs/operating/security/", "https://cwe.mitre.org/data/definitions/200.html", "https://csrc.nist.gov/pubs/sp/800/190/final"],
  tags: ["endpoint", "metrics", "information-disclosure"],
};

// Each row: a fingerprint check whose answer is readable metrics, and what they reveal.
export const VERDICTS: CheckVerdicts = {
  'torchserve-metrics:torchserve-metrics': {
    severity: 'low',
    message: 'TorchServe metrics are readable without authentication (model names, request volumes, latencies)',
  },
  'triton-metrics:triton-metrics': {
    severity: 'low',
    message: 'Triton metrics are readable without authentication (model names, versions, request counts, GPU use)',
  },
  'vllm:vllm-metrics': {
    severity: 'low',
    message: 'vLLM metrics are readable without authentication',
  },
  'tgi:tgi-metrics': {
    severity: 'low',
    message: 'TGI metrics are readable without authentication',
  },
  'prometheus:prometheus-query-api': {
    severity: 'medium',
    message: 'Prometheus query API answers without authentication: scrape targets, internal host names and every collected metric are readable',
  },
  'dcgm-exporter:dcgm-metrics': {
    severity: 'low',
    message: 'GPU telemetry is readable without authentication: GPU models and UUIDs, host names and the pods using each GPU',
  },
};

export default checkRule(meta, VERDICTS);
