import type { Rule, Severity } from '../../core/types.js';
import { safetensorsParser, type SafetensorsIssueCode, type SafetensorsModel } from '../../parsers/safetensors/safetensors.js';

// Layout problems. Bytes that belong to no tensor are room for a hidden payload (a pickle appended
// to a safetensors file is a classic polyglot); overlapping tensors and sizes that disagree with
// dtype x shape are how out-of-bounds reads in hand-written loaders are triggered.
export const LAYOUT_ISSUES: Partial<Record<SafetensorsIssueCode, Severity>> = {
  'trailing-data': 'high',
  'offsets-overlap': 'high',
  'offsets-outside-buffer': 'high',
  'shape-mismatch': 'high',
  'tensor-invalid-info': 'high',
  'offsets-gap': 'medium',
  'unknown-dtype': 'medium',
};

const rule: Rule<SafetensorsModel> = {
  meta: {
    id: 'model/safetensors-invalid-tensor-layout',
    title: 'safetensors tensor offsets, sizes or dtypes are inconsistent',
    severity: 'high',
    description:
      'In a valid safetensors file the tensors tile the data buffer exactly: sorted by offset, each starts where the previous one ends, the ' +
      'last ends at the end of the file, and each spans dtype size x number of elements bytes. Bytes outside every tensor (gaps, trailing ' +
      'data) are ignored by loaders and are a place to hide a second payload such as a pickle; offsets outside the file, overlapping tensors ' +
      'and sizes that disagree with the shape trigger out-of-bounds reads in non-reference loaders. The reference Rust loader rejects all of these.',
    remediation:
      'Re-export the model with the `safetensors` library from a trusted source. If bytes were appended to the file, find out what they are ' +
      'and who put them there before using anything from this source.',
    references: [
      'https://github.com/huggingface/safetensors#format',
      'https://github.com/huggingface/safetensors/blob/main/safetensors/src/tensor.rs',
      'https://atlas.mitre.org/techniques/AML.T0010',
    ],
    tags: ['model', 'safetensors', 'integrity', 'polyglot'],
  },
  parser: safetensorsParser,
  check(model, ctx) {
    for (const issue of model.issues) {
      const severity = LAYOUT_ISSUES[issue.code];
      if (!severity) continue;
      ctx.report({
        message: issue.message,
        severity,
        key: `${issue.code}:${issue.tensor ?? ''}`,
        ...(issue.jsonPointer ? { location: { jsonPointer: issue.jsonPointer } } : {}),
        properties: { issue: issue.code, ...(issue.tensor ? { tensor: issue.tensor } : {}) },
      });
    }
  },
};
export default rule;
