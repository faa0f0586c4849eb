// Endpoint rules judge what the probe saw (src/targets/http/facts.ts): each rule picks the
// observations that are its findings and says how severe each is and how to put it. Every finding
// shows the request made and the evidence seen, so a reviewer can repeat it with curl.
import { probeParser } from './probe-facts.js';
import type { Observation, ObservationKind, OriginFacts, ServiceFacts } from '../../targets/http/facts.js';
import type { Rule, RuleMeta, Severity } from '../../core/types.js';

export interface Verdict {
  message: string;
  /** Absent: the rule's default severity. */
  severity?: Severity;
}

export type ObservationOf<K extends ObservationKind> = Extract<Observation, { kind: K }>;

/** Decides one observation: its verdict, or undefined when it is not this rule's finding. */
export type Judge<K extends ObservationKind> = (o: ObservationOf<K>, facts: OriginFacts, service: ServiceFacts | undefined) => Verdict | undefined;

export function observationRule<K extends ObservationKind>(meta: RuleMeta, kind: K, judge: Judge<K>): Rule<OriginFacts> {
  return {
    meta,
    parser: probeParser,
    check(facts, ctx) {
      for (const o of facts.observations) {
        if (o.kind !== kind) continue;
        const service = o.service ? facts.services.find((s) => s.id === o.service) : undefined;
        const verdict = judge(o as ObservationOf<K>, facts, service);
        if (!verdict) continue;
        const notChecked = service?.notChecked?.length ? ` Not checked: ${service.notChecked.join('; ')}.` : '';
        ctx.report({
          message: `${verdict.message} [${o.request.method} ${o.request.url}]${notChecked}`,
          location: { url: o.request.url },
          evidence: `${o.request.method} ${o.request.url} -> ${o.evidence.status !== undefined && !o.evidence.marker.startsWith('status') ? `HTTP ${o.evidence.status}, ` : ''}${o.evidence.marker}`,
          key: o.check,
          ...(verdict.severity ? { severity: verdict.severity } : {}),
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

/** Verdicts for fingerprint checks, keyed `<service id>:<check id>` (the observation's `check`). */
export type CheckVerdicts = Record<string, Required<Verdict>>;

/** A rule over answered fingerprint checks: the checks in its table are its findings. */
export function checkRule(meta: RuleMeta, verdicts: CheckVerdicts): Rule<OriginFacts> {
  return observationRule(meta, 'answered', (o) => (Object.hasOwn(verdicts, o.check) ? verdicts[o.check] : undefined));
}
