// The growth helper must tell the two apart, or every "linear time" test built on it proves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { growth, growthMessage, LINEAR_BOUND } from './growth.js';

const blanks = (n: number) => `a${' '.repeat(n)}b`;

test('growth flags a quadratic regex (the one the Dockerfile parser had) and passes a linear scan', () => {
  // `/[ \t]+$/` restarts at every blank of the run and scans on to the 'b': n²/2 steps.
  const quadratic = growth(blanks, (s) => /[ \t]+$/.test(s), 2_000);
  assert.ok(quadratic > LINEAR_BOUND, growthMessage(quadratic));
  const linear = growth(blanks, (s) => s.lastIndexOf('b', s.length - 1) + s.search(/\S$/), 2_000);
  assert.ok(linear < LINEAR_BOUND, growthMessage(linear));
});
