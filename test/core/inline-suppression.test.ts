// The reason cleaner of inline suppressions had a nested quantifier
// (`(?:...|["',]+)*`) and backtracked exponentially on a reason ending in a run of quotes or commas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInlineMarker } from '../../src/parsers/text/inline-suppression.js';

test('a reason ending in many quotes or commas is cleaned in linear time', { timeout: 20_000 }, () => {
  // 28 quotes took 14 s, each one more doubled it.
  const m = parseInlineMarker(`# mlwarden-ignore secrets/generic -- x ${'"'.repeat(60)}y`);
  assert.equal(m?.reason, `x ${'"'.repeat(60)}y`);
  assert.equal(parseInlineMarker(`# mlwarden-ignore a/b -- ${",'".repeat(50_000)}z`)?.rules, 'a/b');
});

test('inline suppression reasons lose trailing comment closers, quotes and escaped newlines', () => {
  assert.equal(parseInlineMarker('<!-- mlwarden-ignore a/b -- reviewed -->')?.reason, 'reviewed');
  assert.equal(parseInlineMarker('/* mlwarden-ignore a/b -- reviewed */')?.reason, 'reviewed');
  assert.equal(parseInlineMarker('    "# mlwarden-ignore a/b -- fixture for docs\\n",')?.reason, 'fixture for docs');
  assert.equal(parseInlineMarker('"# mlwarden-ignore a/b -- \\n",')?.reason, undefined);
  assert.equal(parseInlineMarker('# mlwarden-ignore a/b')?.reason, undefined);
});
