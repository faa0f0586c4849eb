import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/no-request-size-limit',
  title: "Model API reads oversized request bodies",
  severity: 'low',
  description:
    "With `--active`, mlwarden sent one oversized request body (8 MiB by default, malformed on purpose so that no model work is done) and the server read all of it instead of refusing it with 413. Unbounded request bodies let a few clients exhaust memory (OWASP API4:2023).",
  remediation:
    "Set a maximum request body size at the server or proxy (for example nginx `client_max_body_size`, Envoy `max_request_bytes`).",
  references: ["https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/", "https://cwe.mitre.org/data/definitions/770.html"],
  tags: ["endpoint", "active", "availability"],
};

const judge: Judge<'size-limit'> = (o, _facts, service) => ({
  message: `${service?.name} read a ${Math.round(o.extra.bytes / 1048576)} MiB request body to the end instead of refusing it with 413`,
});

export default observationRule(meta, 'size-limit', judge);
