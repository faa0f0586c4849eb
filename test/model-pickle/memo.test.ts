import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactMemo } from '../../src/parsers/pickle/memo.js';

const SHARED = { k: 'untracked' };
const compact = (v: object) => ('keep' in v ? v : SHARED);

test('old memo keys keep their compact stand-in; low and recent keys keep full values', () => {
  const m = new CompactMemo<object>(compact);
  const vals = Array.from({ length: 200_000 }, (_, i) => (i % 1000 === 0 ? { keep: i } : { i }));
  vals.forEach((v, i) => m.set(i, v));
  assert.equal(m.count, 200_000);
  assert.equal(m.get(10), vals[10]); // low key: full
  assert.equal(m.get(199_999), vals[199_999]); // recent: full
  assert.equal(m.get(50_001), SHARED); // old: stand-in
  assert.equal(m.get(50_000), vals[50_000]); // old but exact stand-in (an import, a nested pickle...)
  assert.equal(m.get(200_000), undefined);
});

test('stand-ins beyond the id table are kept exactly, and sparse keys resolve after the dense array grows', () => {
  const m = new CompactMemo<object>(compact);
  const vals = Array.from({ length: 80_000 }, (_, i) => ({ keep: i }));
  vals.forEach((v, i) => m.set(i, v));
  for (const i of [5000, 40_000, 70_000, 75_000]) assert.equal(m.get(i), vals[i]);
  const far = new CompactMemo<object>(compact);
  far.set(3_000_000, { keep: 'far' });
  far.set(3_000_000 + 4096, { i: 1 }); // same ring slot: evicts the far key to the sparse map
  for (let i = 0; i < 2_200_000; i++) far.set(i, { i }); // the dense array grows over it
  assert.deepEqual(far.get(3_000_000), { keep: 'far' });
});

test('rewrites and out-of-order keys: a ring key takes the new value, an old key its new stand-in', () => {
  const m = new CompactMemo<object>(compact);
  const first = { i: 'first' };
  m.set(9000, first); // the first key past the low range, out of order
  m.set(5000, { i: 5000 }); // below the highest key: a new key all the same
  assert.equal(m.count, 2);
  assert.deepEqual(m.get(5000), { i: 5000 });
  assert.equal(m.get(9000), first);
  const again = { keep: 'again' };
  m.set(9000, again); // still in the ring: replaced in place, not counted twice
  assert.equal(m.count, 2);
  assert.equal(m.get(9000), again);
  for (let i = 20_000; i < 40_000; i++) m.set(i, { i }); // pushes 5000 and 9000 out of the ring
  assert.equal(m.get(9000), again); // exact stand-in kept
  assert.equal(m.get(5000), SHARED);
  const late = { keep: 'late' };
  m.set(5000, late); // an old key rewritten: it keeps the new value's stand-in
  assert.equal(m.get(5000), late);
  m.set(5000, { i: 'plain' });
  assert.equal(m.get(5000), SHARED);
  assert.equal(m.count, 20_002);
});
