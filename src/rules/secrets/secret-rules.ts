// One rule per credential type (secrets/<provider>-<kind>), made from the detector table: a detector
// file holds the rule's metadata and its detection, this file the one way every secrets rule reports.
// The rules are made here, not in each detector's file, because a rule points at the shared scan
// (scan-model.ts), which needs the whole table: a rule in the detector's file would import itself.
// All of them read that per-entry scan, so the text is scanned once. The finding carries the secret
// separately: the engine masks it in evidence and fingerprints its hash.
import { DETECTORS } from './detector-table.js';
import { secretScanParser, type SecretScanModel } from './scan-model.js';
import type { Detector } from './detector.js';
import type { Rule } from '../../core/types.js';

export function secretRule(d: Detector): Rule<SecretScanModel> {
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

const rules: Rule[] = DETECTORS.map(secretRule) as Rule[];
export default rules;
