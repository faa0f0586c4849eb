// Endpoint rules are thin: each one reports the observations of one kind, with the request made
// and the evidence seen, so a reviewer can repeat it with curl.
import { probeParser } from './probe-facts.js';
import type { ObservationKind } from '../../targets/http/fingerprints.js';
import type { OriginFacts } from '../../targets/http/prober.js';
import type { Rule, RuleMeta } from '../../core/types.js';

export function observationRule(meta: RuleMeta, kind: ObservationKind): Rule<OriginFacts> {
  return {
    meta,
    parser: probeParser,
    check(facts, ctx) {
      for (const o of facts.observations) {
        if (o.kind !== kind) continue;
        const service = o.service ? facts.services.find((s) => s.id === o.service) : undefined;
        const notChecked = service?.notChecked?.length ? ` Not checked: ${service.notChecked.join('; ')}.` : '';
        ctx.report({
          message: `${o.message} [${o.request.method} ${o.request.url}]${notChecked}`,
          location: { url: o.request.url },
          evidence: `${o.request.method} ${o.request.url} -> ${o.evidence.status !== undefined && !o.evidence.marker.startsWith('status') ? `HTTP ${o.evidence.status}, ` : ''}${o.evidence.marker}`,
          key: o.check,
          ...(o.severity ? { severity: o.severity } : {}),
          properties: {
            request: o.request,
            evidence: o.evidence,
            ...(service ? { service: service.id, serviceName: service.name, ...(service.version ? { version: service.version } : {}), ...(service.notChecked ? { notChecked: service.notChecked } : {}) } : {}),
            ...o.extra,
          },
        });
      }
    },
  };
}
