import type { Rule } from '../../core/types.js';

// Raised by the engine when a budget stops analysis: the skipped part is named in the message.
const rule: Rule = {
  meta: {
    id: 'scan/limit-exceeded',
    title: 'Scan limit reached: part of the input was not analysed',
    severity: 'medium',
    description:
      'A size, depth, member-count, compression-ratio or time budget stopped the analysis of this input. Budgets protect the scanner from ' +
      'decompression bombs and pathological files, but whatever lies beyond the limit was not checked.',
    remediation:
      'If the input is legitimate, raise the limit in mlwarden.config.yaml (`limits:`) and scan again. A small file that expands past the ' +
      'limits is a decompression bomb: delete it.',
    references: ['https://www.bamsoftware.com/hacks/zipbomb/', 'https://cwe.mitre.org/data/definitions/409.html'],
    tags: ['scan', 'coverage', 'dos'],
  },
};
export default rule;
