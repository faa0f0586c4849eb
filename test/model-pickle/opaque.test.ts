import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStream, startStream } from '../../src/parsers/pickle/machine.js';

const b = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
// ('storage', FloatStorage, '0', 'cpu', 4) BINPERSID, 0, (2, 2), (2, 1), False, OrderedDict() -> _rebuild_tensor_v2
const tensor = (key: string) => b('h\x00(', '(\x8c\x07storageh\x01', [0x8c, key.length], key, '\x8c\x03cpuK\x04tQ', 'K\x00K\x02K\x02\x86K\x02K\x01\x86\x89', 'ccollections\nOrderedDict\n)R', 'tR');
const head = b([0x80, 2], 'ctorch._utils\n_rebuild_tensor_v2\nq\x00ctorch\nFloatStorage\nq\x01');

test('rebuild helpers called with opaque arguments are still recorded, counted and sampled', () => {
  const r = runStream(b(head, '}(', '\x8c\x01a', tensor('0'), '\x8c\x01b', tensor('1'), 'u.'));
  assert.ok(r.complete, r.error?.message);
  const rebuild = r.imports.find((i) => i.qual === 'torch._utils._rebuild_tensor_v2')!;
  assert.ok(rebuild.called);
  assert.equal(rebuild.calls, 2);
  assert.match(rebuild.samples[0], /\(2, 2\)/);
  const od = r.imports.find((i) => i.qual === 'collections.OrderedDict')!;
  assert.equal(od.calls, 2);
  assert.ok(od.passed, 'OrderedDict() is passed to the rebuild call');
  assert.equal(r.persistentIds, 2);
  assert.match(r.top ?? '', /'a': torch\._utils\._rebuild_tensor_v2\(\.\.\.\)/);
});

test('an opaque rebuild result used as a callable is still reported as an indirect call', () => {
  const r = runStream(b(head, tensor('0'), '\x8c\x02id\x85R.'));
  assert.ok(r.complete, r.error?.message);
  assert.equal(r.calls.length, 1);
  assert.ok(r.calls[0].indirect);
  assert.match(r.calls[0].callee, /torch\._utils\._rebuild_tensor_v2/);
  assert.ok(r.calls[0].roots.some((i) => i.qual === 'torch._utils._rebuild_tensor_v2'));
});

test('calls with a string argument and calls to other callables keep their arguments in full', () => {
  const r = runStream(b([0x80, 2], 'cfoo\nbar\n', 'ctorch._utils\n_rebuild_tensor_v2\n\x8c\x04evil\x85R', 'cos\nsystem\nK\x07\x85R', '\x86R.'));
  assert.ok(r.complete, r.error?.message);
  const sample = r.imports.find((i) => i.qual === 'foo.bar')?.samples[0] ?? '';
  assert.match(sample, /_rebuild_tensor_v2\('evil'\)/);
  assert.match(sample, /os\.system\(7\)/);
  assert.deepEqual(r.imports.find((i) => i.qual === 'os.system')?.samples, ['(7)']);
});

test('TUPLE then BINPERSID gives the same result in one buffer and split between the two opcodes', () => {
  const p = b([0x80, 2], '(\x8c\x07storageK\x01tQ', '(\x8c\x07storageK\x02tQ', '\x86.');
  const whole = runStream(p);
  assert.ok(whole.complete, whole.error?.message);
  assert.equal(whole.persistentIds, 2);
  assert.equal(whole.top, '(<persistent id>, <persistent id>)');
  const cut = p.indexOf('Q'); // between the first TUPLE and its BINPERSID
  const run = startStream(0, {});
  assert.equal(run.feed(p.subarray(0, cut), 0, false, true), undefined);
  const split = run.feed(p.subarray(run.resumeAt), run.resumeAt, true, true)!;
  assert.deepEqual({ ...split, start: 0 }, { ...whole, start: 0 });
  // Without a MARK the fused path is not taken: the error is the TUPLE's own.
  assert.match(runStream(b([0x80, 2], 'K\x01tQ.')).error?.message ?? '', /no MARK/);
});
