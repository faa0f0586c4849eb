import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStream } from '../../src/parsers/pickle/machine.js';
import { analysePickle } from '../../src/parsers/pickle/analyze.js';
import { disassemble } from '../../src/parsers/pickle/disassembler.js';
import { OPCODES, OPCODE_COUNT } from '../../src/parsers/pickle/opcodes.js';

const sbu = (s: string) => Buffer.concat([Buffer.from([0x8c, Buffer.byteLength(s)]), Buffer.from(s)]);
const b = (...parts: Array<string | Buffer | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Array.isArray(p) ? Buffer.from(p) : p)));

test('the opcode table covers all 68 opcodes of protocols 0-5', () => {
  assert.equal(OPCODE_COUNT, 68);
  assert.equal(OPCODES[0x93]?.name, 'STACK_GLOBAL');
  assert.equal(OPCODES[0x98]?.name, 'READONLY_BUFFER');
  assert.equal(OPCODES[0x00], undefined);
});

test('disassembles a protocol-0 payload into its opcodes', () => {
  const d = disassemble(Buffer.from("cos\nsystem\n(S'true'\ntR."));
  assert.deepEqual(d.ops.map((o) => o.name), ['GLOBAL', 'MARK', 'STRING', 'TUPLE', 'REDUCE', 'STOP']);
  assert.equal(d.ops[0].arg, 'os system');
  assert.equal(d.error, undefined);
});

test('disassembler stops with an error on a truncated argument instead of throwing', () => {
  const d = disassemble(b([0x80, 0x04, 0x8c, 0x10], 'os'));
  assert.match(d.error ?? '', /past the end/);
});

test('resolves STACK_GLOBAL operands fetched from the memo (BINPUT/BINGET)', () => {
  const r = runStream(b([0x80, 4], sbu('os'), 'q\x00', sbu('system'), 'q\x01', '00', 'h\x00h\x01\x93', sbu('true'), '\x85R.'));
  assert.ok(r.complete);
  assert.equal(r.imports[0].qual, 'os.system');
  assert.ok(r.imports[0].called);
  assert.deepEqual(r.imports[0].samples, ["('true')"]);
});

test('MEMOIZE uses the memo size, not the last PUT index (picklescan #14)', () => {
  // memo[5] = 'os' (size 1), memo[6] = 'system' (size 2); MEMOIZE then stores at 2 and 3.
  const r = runStream(b([0x80, 4], sbu('os'), 'q\x05', sbu('system'), 'q\x06', '00', sbu('torch._utils'), [0x94], sbu('_rebuild_tensor_v2'), [0x94], '00', 'h\x05h\x06\x93', sbu('x'), '\x85R.'));
  assert.equal(r.imports[0].qual, 'os.system');
  const r2 = runStream(b([0x80, 4], sbu('os'), 'q\x05', sbu('system'), 'q\x06', '00', sbu('torch._utils'), [0x94], sbu('_rebuild_tensor_v2'), [0x94], '00', 'h\x02h\x03\x93.'));
  assert.equal(r2.imports[0].qual, 'torch._utils._rebuild_tensor_v2');
});

test('marks STACK_GLOBAL on computed operands as computed', () => {
  const r = runStream(b([0x80, 4], 'cbuiltins\nstr\n', sbu('o'), '\x85R', sbu('system'), '\x93.'));
  const imp = r.imports.find((i) => i.computed);
  assert.ok(imp);
  assert.match(imp.derivedFrom ?? '', /builtins\.str/);
});

test('INST imports and calls in one opcode', () => {
  const r = runStream(Buffer.from("(S'1'\nibuiltins\neval\n."));
  assert.equal(r.imports[0].qual, 'builtins.eval');
  assert.equal(r.imports[0].via, 'INST');
  assert.ok(r.imports[0].called);
});

test('maps Python 2 module names (__builtin__ -> builtins)', () => {
  const r = runStream(Buffer.from("c__builtin__\neval\n(S'1'\ntR."));
  assert.equal(r.imports[0].qual, 'builtins.eval');
});

test('keeps what was seen before a truncation and says it was truncated', () => {
  const r = runStream(b([0x80, 4], sbu('os'), sbu('system'), '\x93', sbu('true'), '\x85R', [0x8c, 9], 'ab'));
  assert.equal(r.complete, false);
  assert.equal(r.error?.eof, true);
  assert.ok(r.imports[0].called);
});

test('reports an invalid opcode as malformed, not truncated', () => {
  const r = runStream(Buffer.from("cos\nsystem\n(S'true'\ntR\xff.", 'latin1'));
  assert.equal(r.error?.eof, false);
  assert.match(r.error?.message ?? '', /invalid opcode 0xff/);
});

test('flags a FRAME whose length disagrees with the opcodes', () => {
  const body = b(sbu('os'), sbu('system'), '\x93', sbu('true'), '\x85R.');
  const frame = Buffer.alloc(8);
  frame.writeBigUInt64LE(2n);
  const r = runStream(b([0x80, 4, 0x95], frame, body));
  assert.ok(r.complete);
  assert.equal(r.issues[0]?.kind, 'frame-straddle');
});

test('EXT opcodes become opaque imports (copyreg registry unknown)', () => {
  const r = runStream(b([0x80, 2, 0x82, 7], sbu('x'), '\x85R.'));
  assert.equal(r.imports[0].via, 'EXT');
  assert.ok(r.issues.some((i) => i.kind === 'ext'));
});

test('analyses a pickle inside a bytes literal and links it to the call that loads it', () => {
  const inner = Buffer.from("cos\nsystem\n(S'true'\ntR.");
  const r = runStream(b([0x80, 4], 'c_pickle\nloads\n', [0x43, inner.length], inner, '\x85R.'));
  assert.equal(r.nested.length, 1);
  assert.equal(r.nested[0].passedTo, '_pickle.loads');
  assert.equal(r.nested[0].result.imports[0].qual, 'os.system');
});

test('follows attribute values planted with BUILD into STACK_GLOBAL (modelscan #85)', () => {
  const p = b("\x80\x04cnumpy\nprod\nN(Va\nVos\nd\x86bN(Vb\nVsystem\nd\x86b0cnumpy\nprod.a\np0\ncnumpy\nprod.b\np1\n00g0\ng1\n\x93Vtrue\n\x85R.");
  const r = runStream(p);
  assert.ok(r.complete, r.error?.message);
  assert.ok(r.imports.some((i) => i.qual === 'os.system' && i.called));
  assert.ok(r.imports.find((i) => i.qual === 'numpy.prod')?.mutated);
});

test('scans every stream after STOP, and stops at bytes that are not a pickle', () => {
  const one = Buffer.from('(dp0\n.');
  const a = analysePickle(Buffer.concat([one, Buffer.from("cos\nsystem\n(S'x'\ntR."), Buffer.from([0, 1, 2])]), { final: true });
  assert.equal(a.streams.length, 2);
  assert.equal(a.streams[1].imports[0].qual, 'os.system');
  assert.equal(a.trailing?.length, 3);
});

test('asks for more bytes when the buffer is not the whole input', () => {
  const a = analysePickle(Buffer.from('cos\nsys'), { final: false });
  assert.equal(a.needMore, true);
});

test('recursion through deeply nested tuples and marks stays flat (no stack overflow)', () => {
  const n = 200_000;
  const p = Buffer.concat([Buffer.from([0x80, 4]), Buffer.alloc(n, 0x28), Buffer.from('K\x01'), Buffer.alloc(n, 0x74), Buffer.from('.')]);
  const r = runStream(p);
  assert.ok(r.complete, r.error?.message);
});
