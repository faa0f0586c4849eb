// One rule per credential type (secrets/<provider>-<kind>), generated from the detector tables in
// detectors/. All of them read the shared per-entry scan (scan-model.ts), so the text is scanned once.
// The finding carries the secret separately: the engine masks it in evidence and fingerprints its hash.
import { DETECTORS } from './detectors/index.js';
import { secretScanParser, type SecretScanModel } from './scan-model.js';
import type { Detector } from './detector.js';
import type { Rule } from '../../core/types.js';

function toRule(d: Detector): Rule<SecretScanModel> {
  const id = `secrets/${d.id}`;
  return {
    meta: { id, title: d.title, severity: d.severity, description: d.description, remediation: d.remediation, references: d.references, tags: ['secrets', ...(d.tags ?? [])] },
    parser: secretScanParser,
    check(model, ctx) {
      for (const h of model.byRule.get(id) ?? []) {
        const where = h.context ? ` in ${h.context.label}` : '';
        const decodings = h.via.filter((v) => v !== 'kubernetes-secret');
        const how = decodings.length ? ` (inside ${decodings.join(' → ')} data)` : '';
        ctx.report({
          message: `${d.what}${h.verdict.note ?? ''}${where}${how}`,
          location: { line: h.line, column: h.column, ...(h.context?.jsonPointer ? { jsonPointer: h.context.jsonPointer } : {}) },
          evidence: h.evidence,
          secret: h.secret,
          ...(h.verdict.severity ? { severity: h.verdict.severity } : {}),
          properties: { ...h.context?.properties, ...(h.via.length ? { decodedFrom: h.via } : {}), ...h.verdict.properties },
        });
      }
    },
  };
}

const rules: Rule[] = DETECTORS.map(toRule) as Rule[];
export default rules;
