// A rule for engine and report tests: flags lines containing DANGER (and reports a secret-like
// token so masking can be checked). It lives in test/, so the registry never loads it.
import { textParser, type TextModel } from '../../src/parsers/text/text.js';
import type { Rule } from '../../src/core/types.js';

export const demoRule: Rule<TextModel> = {
  meta: {
    id: 'test/danger-line',
    title: 'Line says DANGER',
    severity: 'high',
    description: 'Test rule.',
    remediation: 'Remove the word.',
    references: ['https://example.invalid/danger'],
    tags: ['test'],
  },
  parser: textParser,
  check(text, ctx) {
    for (let n = 1; n <= text.lineCount; n++) {
      const l = text.line(n)!;
      const at = l.indexOf('DANGER');
      if (at === -1) continue;
      const token = /tok_[A-Za-z0-9]{16,}/.exec(l)?.[0];
      ctx.report({
        message: `DANGER on this line`,
        location: { line: n, column: at + 1 },
        evidence: l.trim(),
        ...(token ? { secret: token } : { key: l.trim() }),
        severity: l.includes('DANGER!') ? 'critical' : undefined,
      });
    }
  },
};
