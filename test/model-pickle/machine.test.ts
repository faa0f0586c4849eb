import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStream } from '../../src/parsers/pickle/machine.js';
import { analysePickle } from '../../src/parsers/pickle/analyze.js';
import { disassemble } from '../../src/parsers/pickle/disassembler.js';
import { OPCODES, OPCODE_COUNT } from '../../src/parsers/pickle/opcodes.js';

const sbu = (s: string) => Buffer.concat([Buffer.from([0x8c, Buffer.byteLength(s)]), Buffer.from(s)]);
const u32le = (n: number) => {
  const x = Buffer.alloc(4);
  x.writeUInt32LE(n);
  return x;
};
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

// Bounded memory: old memo entries and deep stack slots are compacted (see MEMO_KEEP_LOW in
// machine.ts). These streams push real names far past the windows the machine keeps in full.
const junkMemo = (n: number) => Buffer.concat(Array.from({ length: n }, () => Buffer.from([0x4b, 0x01, 0x94, 0x30]))); // BININT1 1, MEMOIZE, POP
const longGet = (i: number) => b([0x6a, i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, i >>> 24]);

test('names and globals memoised far back still resolve exactly after the memo is compacted', () => {
  // memo 0..4999 junk, 5000 = 'os', 5001 = 'system', 5002 = builtins.eval, then 40000 more junk.
  const r = runStream(b([0x80, 4], junkMemo(5000), sbu('os'), [0x94], sbu('system'), [0x94], 'cbuiltins\neval\n', [0x94], '000', junkMemo(40000),
    longGet(5000), longGet(5001), '\x93', sbu('id'), '\x85R0', longGet(5002), sbu('1'), '\x85R.'));
  assert.ok(r.complete, r.error?.message);
  const sys = r.imports.find((i) => i.qual === 'os.system');
  assert.ok(sys && sys.called && !sys.computed);
  assert.ok(r.imports.find((i) => i.qual === 'builtins.eval')?.called);
});

test('a name taken from a stack slot too deep to track is reported as computed, never dropped', () => {
  const push = Buffer.alloc(2 * 5000, Buffer.from([0x4b, 0x01]));
  const pops = Buffer.alloc(5000, 0x30);
  const r = runStream(b([0x80, 4], sbu('os'), sbu('system'), push, pops, '\x93', sbu('id'), '\x85R.'));
  assert.ok(r.complete, r.error?.message);
  assert.equal(r.imports.length, 1);
  assert.ok(r.imports[0].computed && r.imports[0].called);
});

test('slots refilled after popping below the last sweep are swept too (names there end up computed)', () => {
  // 1000 ints (the stack is swept on the way up), 950 pops: far below the last sweep's top. 'os' and
  // 'system' refill slots there, 1000 more ints sweep past them, and the pops back down find them
  // compacted: a computed name, as for any slot this deep (memory stays bounded by the window).
  const ints = (n: number) => Buffer.alloc(2 * n, Buffer.from([0x4b, 0x01]));
  const r = runStream(b([0x80, 4], ints(1000), Buffer.alloc(950, 0x30), sbu('os'), sbu('system'), ints(1000), Buffer.alloc(1000, 0x30), '\x93', sbu('id'), '\x85R.'));
  assert.ok(r.complete, r.error?.message);
  assert.equal(r.imports.length, 1);
  assert.ok(r.imports[0].computed && r.imports[0].called);
});

test('joblib arrays whose dtype comes from an old memo entry are still skipped by their exact size', () => {
  // numpy.dtype('U3') memoised at 5000 (itemsize 12 lives only in its BUILD state), reused after 40000 more entries.
  const dtype = b('cnumpy\ndtype\n', sbu('U3'), '\x89\x88\x87R', [0x94], '(K\x03', sbu('<'), 'NNNJ\x0c\x00\x00\x00K\x04K\x08tb0');
  const wrapper = (dt: Buffer) => b('cjoblib.numpy_pickle\nNumpyArrayWrapper\n)\x81}(', sbu('dtype'), dt, sbu('shape'), 'K\x02\x85', sbu('order'), sbu('C'), 'ub', Buffer.alloc(24, 0xff));
  const pickle = b([0x80, 4], junkMemo(5000), dtype, junkMemo(40000), wrapper(longGet(5000)), '.');
  const r = runStream(pickle);
  assert.ok(r.complete, r.error?.message);
  assert.equal(r.end, pickle.length);
  assert.equal(r.issues.filter((i) => i.kind === 'joblib-array').length, 0);
});

test('BUILD-planted names survive a state dict filled by a batch far longer than the stack window', () => {
  // numpy.prod, {'a': 'os', 'b': 'system', + 2000 junk pairs} built with EMPTY_DICT MARK ... SETITEMS, then BUILD.
  const junk = Buffer.concat(Array.from({ length: 2000 }, (_, i) => b(sbu(`k${i}`), 'K\x01')));
  const p = b('\x80\x04cnumpy\nprod\n}(', sbu('a'), sbu('os'), sbu('b'), sbu('system'), junk, 'ub0cnumpy\nprod.a\ncnumpy\nprod.b\n\x93', sbu('true'), '\x85R.');
  const r = runStream(p);
  assert.ok(r.complete, r.error?.message);
  assert.ok(r.imports.some((i) => i.qual === 'os.system' && i.called));
});

test('a stream of endless MARKs stops at a budget (reported as a limit, not silently)', () => {
  const r = runStream(b([0x80, 4], Buffer.alloc((1 << 20) + 10, 0x28), '.'));
  assert.ok(!r.complete);
  assert.equal(r.error?.limit, true);
});

test('a dict filled by one SETITEMS over 200k items keeps its exact size (deep items are folded, not kept)', () => {
  const n = 100_000;
  const items = Buffer.concat(Array.from({ length: n }, (_, i) => b(sbu(`layer${i}.weight`), 'K\x01')));
  const r = runStream(b([0x80, 4], '}(', sbu('first'), 'K\x02', items, 'u.'));
  assert.ok(r.complete, r.error?.message);
  assert.match(r.top ?? '', new RegExp(`\\+${n + 1 - 6}\\}$`));
});

test('popping back into a folded container is a limit error, never a silent pass', () => {
  const push = Buffer.alloc(2 * 20_000, Buffer.from([0x4b, 0x01]));
  const pops = Buffer.alloc(20_000, 0x30);
  const r = runStream(b([0x80, 4], sbu('os'), sbu('system'), '(', push, pops, '0\x93', sbu('id'), '\x85R.'));
  assert.ok(!r.complete);
  assert.equal(r.error?.limit, true);
});

test('millions of distinct memoised strings cost a bounded table: old ones degrade, an old memoised import stays exact', () => {
  // memo[4096] = os.system (past the low keys), then 70k distinct memoised names push it far out of
  // the recent ring and fill the table of distinct stand-ins; a late BINGET still calls os.system,
  // and a late STACK_GLOBAL on a degraded old string is a computed name (fail closed), not a pass.
  const n = 70_000;
  const names = Buffer.concat(Array.from({ length: n }, (_, i) => b(sbu(`name_${i}`), [0x72], u32le(4097 + i), '0')));
  const p = b([0x80, 4], 'cos\nsystem\n', [0x72], u32le(4096), '0', names, [0x6a], u32le(4096), sbu('echo hi'), '\x85R0', [0x6a], u32le(4097 + 100), [0x6a], u32le(4097 + 55_000), '\x93.');
  const r = runStream(p);
  assert.ok(r.complete, r.error?.message);
  const os = r.imports.find((i) => i.qual === 'os.system');
  assert.ok(os?.called);
  const late = r.imports.find((i) => i.computed);
  assert.ok(late, 'a name built from a string the memo no longer tracks is reported as computed');
});

test('distinct imported names are capped per stream (a limit error, with the names seen before it)', () => {
  const globals = Buffer.concat(Array.from({ length: 12_001 }, (_, i) => b(`cmod${i}\nf\n0`)));
  const r = runStream(b([0x80, 2], 'cos\nsystem\n0', globals, 'N.'));
  assert.ok(!r.complete);
  assert.equal(r.error?.limit, true);
  assert.match(r.error?.message ?? '', /distinct imported names/);
  assert.equal(r.imports[0].qual, 'os.system');
});

test('a stream of MEMOIZE opcodes stops at the memo key budget instead of growing memory with the stream', () => {
  const n = 300_000;
  const buf = Buffer.alloc(n + 4, 0x94);
  buf.set([0x80, 4, 0x4e], 0);
  buf[n + 3] = 0x2e;
  assert.ok(runStream(buf).complete);
  const r = runStream(buf, 0, { maxMemoKeys: n - 1 });
  assert.ok(!r.complete);
  assert.equal(r.error?.limit, true);
  assert.match(r.error?.message ?? '', /memo keys/);
});

test('a rebuild helper called with a non-tuple argument is recorded, not a crash (REDUCE takes any object)', () => {
  for (const args of ['N', 'K\x01', ']']) {
    const r = runStream(Buffer.from(`ccollections\nOrderedDict\n${args}R.`, 'latin1'));
    assert.ok(r.complete, r.error?.message);
    assert.equal(r.imports[0].calls, 1);
  }
});

test('dotted-name check: what a Python identifier path is, and what it is not', async () => {
  const { isIdentifierPath } = await import('../../src/parsers/pickle/machine.js');
  for (const ok of ['os', 'os.path', '_a.b_1.C', 'torch._utils', 'A1']) assert.ok(isIdentifierPath(ok), ok);
  for (const bad of ['', '1a', 'a.', '.a', 'a..b', 'a.1b', 'a-b', 'a b', 'é', 'a.b\n']) assert.ok(!isIdentifierPath(bad), bad);
});

test('Python 2 names resolve the way Python 3 imports them (_compat_pickle NAME_MAPPING, then IMPORT_MAPPING)', () => {
  const cases: Array<[string, string]> = [
    ['__builtin__\nreduce', 'functools.reduce'],
    ['itertools\nimap', 'builtins.map'],
    ['UserDict\nIterableUserDict', 'collections.UserDict'],
    ['commands\ngetoutput', 'subprocess.getoutput'],
    ['SocketServer\nTCPServer', 'socketserver.TCPServer'],
    ['__builtin__\neval', 'builtins.eval'],
    ['torch\nFloatStorage', 'torch.FloatStorage'],
  ];
  for (const [operands, qual] of cases) {
    const r = runStream(Buffer.from(`c${operands}\n.`, 'latin1'));
    assert.equal(r.imports[0].qual, qual, operands);
  }
});

test('BUILD on the logger logging.getLogger returns is tampering with the loading process (reported like BUILD on a global)', async () => {
  const { scanPaths } = await import('../../src/scan/scan-paths.js');
  const { tmpTree } = await import('../helpers/tmp.js');
  const t = tmpTree({
    'silenced.pkl': Buffer.from('\x80\x02clogging\ngetLogger\nX\x00\x00\x00\x00\x85R}X\x08\x00\x00\x00disabledI01\nsb.', 'latin1'),
    'logger.pkl': Buffer.from('\x80\x02clogging\ngetLogger\nX\x04\x00\x00\x00mainq\x00\x85R.', 'latin1'),
  });
  try {
    const report = await scanPaths(['silenced.pkl', 'logger.pkl'], { cwd: t.dir });
    const tamper = report.findings.filter((f) => f.location.path === 'silenced.pkl' && (f.severity === 'high' || f.severity === 'critical'));
    assert.ok(tamper.some((f) => /process-wide object/.test(f.message)), JSON.stringify(report.findings.map((f) => f.message)));
    assert.ok(!report.findings.some((f) => f.location.path === 'logger.pkl' && (f.severity === 'high' || f.severity === 'critical')));
  } finally {
    t.cleanup();
  }
});
