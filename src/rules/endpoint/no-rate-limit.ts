import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/no-rate-limit',
  title: "No rate limiting on the model API",
  severity: 'low',
  description:
    "With `--active`, mlwarden sent a short burst of identical cheap requests (20 by default, then stopped) and none was throttled (no 429, no Retry-After). Without rate limits an open endpoint can be used for model extraction or to exhaust GPUs (OWASP API4:2023 Unrestricted Resource Consumption).",
  remediation:
    "Add per-client rate limits at the gateway or service mesh in front of the model server.",
  references: ["https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/", "https://cwe.mitre.org/data/definitions/770.html", "https://atlas.mitre.org/techniques/AML.T0029"],
  tags: ["endpoint", "active", "availability"],
};

const judge: Judge<'rate-limit'> = (o, _facts, service) => ({
  message: `${service?.name} answered a burst of ${o.extra.burst} requests without any rate limiting (no 429, no Retry-After)`,
});

export default observationRule(meta, 'rate-limit', judge);
