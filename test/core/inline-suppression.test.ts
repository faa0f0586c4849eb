// The reason cleaner of inline suppressions had a nested quantifier
// (`(?:...|["',]+)*`) and backtracked exponentially on a reason ending in a run of quotes or commas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInlineMarker } from '../../src/parsers/text/inline-suppression.js';
import { growth, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';

// The timeout only stops a regression from stalling the suite: the assertions are the growth ratios.
test('a reason ending in many quotes or commas is cleaned in linear time', { timeout: 120_000 }, () => {
  // 28 quotes took 14 s, each one more doubled it.
  const m = parseInlineMarker(`# mlwarden-ignore secrets/generic -- x ${'"'.repeat(60)}y`);
  assert.equal(m?.reason, `x ${'"'.repeat(60)}y`);
  const quotes = (n: number) => `# mlwarden-ignore secrets/generic -- x ${'"'.repeat(n)}y`;
  const q = growth(quotes, parseInlineMarker, 20_000);
  assert.ok(q < LINEAR_BOUND, growthMessage(q));
  const commas = (n: number) => `# mlwarden-ignore a/b -- ${",'".repeat(n)}z`;
  assert.equal(parseInlineMarker(commas(50_000))?.rules, 'a/b');
  const c = growth(commas, parseInlineMarker, 50_000);
  assert.ok(c < LINEAR_BOUND, growthMessage(c));
});

test('inline suppression reasons lose trailing comment closers, quotes and escaped newlines', () => {
  assert.equal(parseInlineMarker('<!-- mlwarden-ignore a/b -- reviewed -->')?.reason, 'reviewed');
  assert.equal(parseInlineMarker('/* mlwarden-ignore a/b -- reviewed */')?.reason, 'reviewed');
  assert.equal(parseInlineMarker('    "# mlwarden-ignore a/b -- fixture for docs\\n",')?.reason, 'fixture for docs');
  assert.equal(parseInlineMarker('"# mlwarden-ignore a/b -- \\n",')?.reason, undefined);
  assert.equal(parseInlineMarker('# mlwarden-ignore a/b')?.reason, undefined);
});
