// A symbolic pickle machine: it runs the opcode stream the way CPython's Unpickler does (stack, memo,
// marks, frames), but every import and call produces a record instead of an effect. Scanners that
// look back at "the previous opcode" or track the memo loosely have been bypassed again and again
// (picklescan #13 INST, #14 PUT/MEMOIZE confusion, modelscan #85 BUILD-planted attribute names fed to
// STACK_GLOBAL); simulating the real data flow is what closes that class.
//
// Performance: one switch per opcode over a Buffer, numbers for small ints, shared constants for
// None/bool/float, records deduplicated per imported global. No recursion on input structure:
// summaries are depth-capped, nested pickles are bounded by a fixed depth.
import { OPCODES, opName } from './opcodes.js';

// ---- values on the symbolic stack ---------------------------------------------------------------

export interface ConstVal { k: 'const'; repr: string }
export interface StrLikeBytes { k: 'bytes'; buf: Buffer; offset: number; nested?: NestedPickle }
export interface GlobalVal { k: 'global'; imp: ImportRecord; attr?: string }
export interface CallVal { k: 'call'; fn: Value; args: Value; op: string; offset: number; state?: Value }
export interface SeqVal { k: 'tuple' | 'list' | 'set' | 'frozenset'; items: Value[]; n: number }
export interface DictVal { k: 'dict'; items: Value[]; n: number }
export interface OtherVal { k: 'persid' | 'ext' | 'buffer' | 'long'; repr: string }
export type PVal = ConstVal | StrLikeBytes | GlobalVal | CallVal | SeqVal | DictVal | OtherVal;
export type Value = number | string | PVal;

const NONE: ConstVal = { k: 'const', repr: 'None' };
const TRUE: ConstVal = { k: 'const', repr: 'True' };
const FALSE: ConstVal = { k: 'const', repr: 'False' };
const FLOAT: ConstVal = { k: 'const', repr: '<float>' };
const BIGINT: ConstVal = { k: 'const', repr: '<int>' };
const PERSID: OtherVal = { k: 'persid', repr: '<persistent id>' };
const BUFFER: OtherVal = { k: 'buffer', repr: '<out-of-band buffer>' };

/** Containers keep at most this many items for summaries; the count stays exact. */
const KEEP_ITEMS = 32;

// ---- what the machine reports ---------------------------------------------------------------------

export type ImportVia = 'GLOBAL' | 'STACK_GLOBAL' | 'INST' | 'EXT';

export interface ImportRecord {
  module: string;
  name: string;
  /** `module.name`, or a description when the operands were computed at load time. */
  qual: string;
  via: ImportVia;
  offset: number;
  /** STACK_GLOBAL operands were not plain strings (call results, attribute values): name unknown statically. */
  computed: boolean;
  /** What a computed name was derived from, when the machine could follow it. */
  derivedFrom?: string;
  /** The name has dots: find_class walks attributes (`pathlib` + `os.system` = os.system). */
  dotted: boolean;
  /** Called (REDUCE/NEWOBJ/OBJ/INST/NEWOBJ_EX) somewhere in the stream. */
  called: boolean;
  /** Passed as an argument (or inside one) to some call. */
  passed: boolean;
  /** Its attributes were set with BUILD (monkey-patching an imported object). */
  mutated: boolean;
  calls: number;
  /** Up to three argument summaries of calls to it. */
  samples: string[];
}

export interface CallRecord {
  /** Readable callee, e.g. `builtins.getattr(<os>, 'system')`. */
  callee: string;
  op: string;
  offset: number;
  args: string;
  /** The callee was itself computed at load time (result of another call), not an imported name. */
  indirect: boolean;
  /** Imported names reachable inside the callee expression (for indirect calls). */
  roots: ImportRecord[];
}

export interface NestedPickle {
  offset: number;
  length: number;
  depth: number;
  result: StreamResult;
  /** Callee that receives these bytes (e.g. `pickle.loads`), when seen. */
  passedTo?: string;
  /** joblib writes object arrays as a pickle inside the pickle: expected, not hidden. */
  joblibArray?: boolean;
}

export type IssueKind = 'frame-overlap' | 'frame-straddle' | 'frame-past-end' | 'ext' | 'build-on-global' | 'unsupported-protocol' | 'joblib-array';

export interface MachineIssue {
  kind: IssueKind;
  message: string;
  offset: number;
}

export interface StreamError {
  message: string;
  offset: number;
  /** The stream ran out of bytes (truncated), as opposed to invalid content. */
  eof: boolean;
  /** A budget (time) stopped the analysis. */
  limit?: boolean;
}

export interface StreamResult {
  start: number;
  /** Offset after STOP (or where analysis stopped). */
  end: number;
  protocol: number;
  complete: boolean;
  ops: number;
  error?: StreamError;
  imports: ImportRecord[];
  calls: CallRecord[];
  issues: MachineIssue[];
  nested: NestedPickle[];
  persistentIds: number;
  /** Summary of the value STOP returned. */
  top?: string;
}

export interface MachineOptions {
  /** Called every few thousand ops; throws when the entry's time budget is spent. */
  checkTime?: () => void;
  /** Depth of this stream inside nested pickles (0 = file level). */
  depth?: number;
  /** Max nesting depth for pickles found inside bytes literals. */
  maxNestedDepth?: number;
  /** Shared counter of bytes analysed as nested pickles (bounded per file). */
  nestedBudget?: { bytes: number; count: number };
  /** The buffer holds the whole input: running out of bytes means truncation, not "read more". */
  final?: boolean;
}

class Stop extends Error {
  constructor(message: string, readonly offset: number, readonly eof: boolean) {
    super(message);
  }
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Python 2 names that Python 3's unpickler maps to their new homes (Lib/_compat_pickle.py). */
const COMPAT_MODULES: Record<string, string> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  cPickle: 'pickle',
  commands: 'subprocess',
  exceptions: 'builtins',
  _winreg: 'winreg',
  thread: '_thread',
  Queue: 'queue',
  urllib2: 'urllib.request',
  httplib: 'http.client',
  cStringIO: 'io',
  StringIO: 'io',
  UserDict: 'collections',
  __main__: '__main__',
};

export function canonicalModule(m: string): string {
  return COMPAT_MODULES[m] ?? m;
}

// ---- summaries ------------------------------------------------------------------------------------

export function describe(v: Value, depth = 2): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return pyRepr(v);
  switch (v.k) {
    case 'const':
    case 'persid':
    case 'ext':
    case 'buffer':
    case 'long':
      return v.repr;
    case 'bytes':
      return v.buf.length <= 40 ? `b${pyRepr(v.buf.toString('latin1'))}` : `<${v.buf.length} bytes${v.nested ? ', a pickle' : ''}>`;
    case 'global':
      return v.imp.qual + (v.attr ? `.${v.attr}` : '');
    case 'call':
      return depth <= 0 ? `${describe(v.fn, 0)}(...)` : `${describe(v.fn, depth - 1)}${argsText(v.args, depth - 1)}`;
    case 'tuple':
    case 'list':
    case 'set':
    case 'frozenset': {
      const [open, close] = v.k === 'tuple' ? ['(', v.n === 1 ? ',)' : ')'] : v.k === 'list' ? ['[', ']'] : ['{', '}'];
      if (depth <= 0) return `${open}...${v.n} items${close}`;
      const parts = v.items.slice(0, 6).map((x) => describe(x, depth - 1));
      if (v.n > parts.length) parts.push(`...+${v.n - parts.length}`);
      return clip(`${open}${parts.join(', ')}${close}`);
    }
    case 'dict': {
      if (depth <= 0) return `{...${v.n} items}`;
      const parts: string[] = [];
      for (let i = 0; i + 1 < v.items.length && parts.length < 6; i += 2) parts.push(`${describe(v.items[i], depth - 1)}: ${describe(v.items[i + 1], depth - 1)}`);
      if (v.n > parts.length) parts.push(`...+${v.n - parts.length}`);
      return clip(`{${parts.join(', ')}}`);
    }
  }
}

function argsText(args: Value, depth: number): string {
  if (typeof args === 'object' && args.k === 'tuple') {
    if (depth < 0) return '(...)';
    const parts = args.items.slice(0, 6).map((x) => describe(x, depth));
    if (args.n > parts.length) parts.push(`...+${args.n - parts.length}`);
    return clip(`(${parts.join(', ')})`);
  }
  return `(*${describe(args, depth)})`;
}

function clip(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n - 3)}...` : s;
}

function pyRepr(s: string): string {
  const body = s.length > 80 ? `${s.slice(0, 77)}...` : s;
  return `'${body.replace(/[\\']/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** Imported names reachable inside a value (for indirect calls and arguments), depth-capped. */
function rootsOf(v: Value, out: ImportRecord[], depth = 3): void {
  if (typeof v !== 'object' || depth < 0 || out.length > 16) return;
  switch (v.k) {
    case 'global':
      if (!out.includes(v.imp)) out.push(v.imp);
      return;
    case 'call':
      rootsOf(v.fn, out, depth - 1);
      rootsOf(v.args, out, depth - 1);
      return;
    case 'tuple':
    case 'list':
    case 'set':
    case 'frozenset':
    case 'dict':
      for (let i = 0; i < v.items.length && i < 16; i++) rootsOf(v.items[i], out, depth - 1);
      return;
    default:
      return;
  }
}

/** Marks imported names inside call arguments as passed to a call (depth-capped, no allocation). */
function markPassed(v: Value, depth: number): void {
  if (typeof v !== 'object' || depth < 0) return;
  switch (v.k) {
    case 'global':
      v.imp.passed = true;
      return;
    case 'call':
      markPassed(v.fn, depth - 1);
      return;
    case 'tuple':
    case 'list':
    case 'set':
    case 'frozenset':
    case 'dict':
      for (let i = 0; i < v.items.length && i < 16; i++) {
        const x = v.items[i];
        if (typeof x === 'object') markPassed(x, depth - 1);
      }
      return;
    default:
      return;
  }
}

// ---- protocol-0 text arguments ------------------------------------------------------------------

function decodeStringRepr(raw: string, at: number): string {
  const q = raw[0];
  if (raw.length < 2 || (q !== "'" && q !== '"') || raw[raw.length - 1] !== q) throw new Stop('STRING argument is not quoted', at, false);
  const s = raw.slice(1, -1);
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else if (n === 'r') out += '\r';
    else if (n === 'x' && i + 2 < s.length + 1) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16) || 0);
      i += 2;
    } else if (n >= '0' && n <= '7') {
      let j = i;
      while (j < s.length && j < i + 3 && s[j] >= '0' && s[j] <= '7') j++;
      out += String.fromCharCode(parseInt(s.slice(i, j), 8));
      i = j - 1;
    } else out += n;
  }
  return out;
}

function decodeRawUnicodeEscape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && (raw[i + 1] === 'u' || raw[i + 1] === 'U')) {
      const len = raw[i + 1] === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + len);
      const cp = parseInt(hex, 16);
      if (hex.length === len && Number.isFinite(cp) && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i += 1 + len;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function parseIntLine(s: string, at: number): Value {
  const t = s.trim().replace(/L$/, '');
  if (t === '00') return FALSE;
  if (t === '01') return TRUE;
  if (!/^[+-]?\d+$/.test(t)) throw new Stop(`invalid integer literal '${s.slice(0, 20)}'`, at, false);
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : BIGINT;
}

function longFromBytes(b: Buffer): Value {
  if (b.length === 0) return 0;
  if (b.length <= 6) return b.readIntLE(0, b.length);
  // Big integers: keep the big-endian hex so callers can recognise magic numbers.
  let hex = '';
  for (let i = b.length - 1; i >= 0; i--) hex += b[i].toString(16).padStart(2, '0');
  return { k: 'long', repr: `0x${hex.replace(/^0+(?=.)/, '')}` };
}

// ---- the machine ----------------------------------------------------------------------------------

export const LEGACY_TORCH_MAGIC = '0x1950a86a20f9469cfc6c';
const CHECK_EVERY = 1 << 16;
const MEMO_ARRAY_MAX = 1 << 20;
const NESTED_BYTES_CAP = 64 * 1024 * 1024;
const NESTED_COUNT_CAP = 256;
const JOBLIB_WRAPPERS = new Set(['joblib.numpy_pickle.NumpyArrayWrapper', 'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper']);
const CODECS_ENCODE = new Set(['_codecs.encode', 'codecs.encode']);

function looksLikePickleBytes(b: Buffer): boolean {
  if (b.length < 4) return false;
  if (b[0] === 0x80) return b[1] >= 2 && b[1] <= 5 && b[b.length - 1] === 0x2e;
  // Protocol 0/1 has no header: an opcode first, STOP last, and a GLOBAL/INST somewhere near.
  return b[b.length - 1] === 0x2e && OPCODES[b[0]] !== undefined && (b.indexOf(0x63) >= 0 || b.indexOf(0x69) >= 0 || b.indexOf(0x93) >= 0);
}

/**
 * Runs one pickle stream starting at `start` until STOP, an error, or the end of `buf`.
 * Never throws for malformed input: errors end up in `result.error`, with everything seen before.
 * A time-budget exception from `checkTime` is caught and recorded as a limit error.
 */
export function runStream(buf: Buffer, start = 0, opts: MachineOptions = {}): StreamResult {
  const depth = opts.depth ?? 0;
  const maxNested = opts.maxNestedDepth ?? 3;
  const nestedBudget = opts.nestedBudget ?? { bytes: 0, count: 0 };
  const final = opts.final ?? true;
  const res: StreamResult = { start, end: start, protocol: 0, complete: false, ops: 0, imports: [], calls: [], issues: [], nested: [], persistentIds: 0 };
  const importsByKey = new Map<string, ImportRecord>();
  const callsByKey = new Map<string, CallRecord>();
  const attrStore = new Map<string, Value>();
  const stack: Value[] = [];
  const marks: number[] = [];
  const memo: Value[] = [];
  let memoBig: Map<number, Value> | undefined;
  let memoCount = 0;
  let frameEnd = -1;
  let frameIssue = false;
  let pos = start;
  let opStart = start;
  let ops = 0;
  const len = buf.length;

  // Hot-loop locals (pos, opStart) are never captured by these helpers: V8 keeps them in registers.
  // Helpers throw Stop with offset -1; the catch block fills in the current opcode's offset.
  const eof = (what: string): never => {
    throw new Stop(`stream ends inside ${what}`, -1, true);
  };
  const pop = (): Value => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1])) throw new Stop('pop from an empty stack', -1, false);
    return stack.pop()!;
  };
  const top = (): Value => {
    if (stack.length === 0) throw new Stop('read from an empty stack', -1, false);
    return stack[stack.length - 1];
  };
  const popMark = (): Value[] => {
    if (marks.length === 0) throw new Stop('no MARK to pop to', -1, false);
    const m = marks.pop()!;
    const items = stack.slice(m);
    stack.length = m;
    return items;
  };
  /** Text up to the next newline from `p`; sets lineEnd to the offset after it. */
  let lineEnd = 0;
  const line = (p: number, what: string): string => {
    const nl = buf.indexOf(10, p);
    if (nl < 0) eof(what);
    const s = buf.toString('latin1', p, nl);
    lineEnd = nl + 1;
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  };
  const memoSet = (i: number, v: Value) => {
    if (i < 0) throw new Stop('negative memo index', -1, false);
    if (i < MEMO_ARRAY_MAX) {
      if (memo[i] === undefined) memoCount++;
      memo[i] = v;
    } else {
      memoBig ??= new Map();
      if (!memoBig.has(i)) memoCount++;
      memoBig.set(i, v);
    }
  };
  const memoGet = (i: number): Value => {
    const v = i >= 0 && i < MEMO_ARRAY_MAX ? memo[i] : memoBig?.get(i);
    if (v === undefined) throw new Stop(`memo key ${i} was never stored`, -1, false);
    return v;
  };
  const seq = (k: SeqVal['k'], items: Value[]): SeqVal => ({ k, items: items.length > KEEP_ITEMS ? items.slice(0, KEEP_ITEMS) : items, n: items.length });

  const addImport = (at: number, module: string, name: string, via: ImportVia, computed: boolean, derivedFrom?: string): GlobalVal => {
    const key = `${via === 'EXT' ? 'ext:' : ''}${module}\n${name}`;
    let imp = importsByKey.get(key);
    if (!imp) {
      const mod = computed || via === 'EXT' ? module : canonicalModule(module);
      imp = {
        module: mod,
        name,
        qual: computed || via === 'EXT' ? name : `${mod}.${name}`,
        via,
        offset: at,
        computed,
        ...(derivedFrom ? { derivedFrom } : {}),
        dotted: !computed && name.includes('.'),
        called: false,
        passed: false,
        mutated: false,
        calls: 0,
        samples: [],
      };
      importsByKey.set(key, imp);
      res.imports.push(imp);
    }
    // Attributes planted with BUILD on an imported object are read back by GLOBAL `mod` `obj.attr`.
    return { k: 'global', imp };
  };

  const globalCache = new Map<string, GlobalVal>();
  const globalValue = (at: number, module: string, name: string, via: ImportVia): Value => {
    const planted = attrStore.size > 0 ? attrStore.get(`${canonicalModule(module)}.${name}`) : undefined;
    const g = addImport(at, module, name, via, false);
    return planted !== undefined ? planted : g;
  };
  /** GLOBAL/INST operands: one string read for both lines, cached GlobalVal per distinct text. */
  const globalFromLines = (at: number, p: number, via: ImportVia): Value => {
    const nl1 = buf.indexOf(10, p);
    const nl2 = nl1 < 0 ? -1 : buf.indexOf(10, nl1 + 1);
    if (nl2 < 0) eof(`${via} operands`);
    const raw = buf.toString('latin1', p, nl2);
    lineEnd = nl2 + 1;
    if (attrStore.size === 0) {
      const hit = globalCache.get(raw);
      if (hit) return hit;
    }
    const cut = nl1 - p;
    let module = raw.slice(0, cut);
    let name = raw.slice(cut + 1);
    if (module.endsWith('\r')) module = module.slice(0, -1);
    if (name.endsWith('\r')) name = name.slice(0, -1);
    const v = globalValue(at, module, name, via);
    if (typeof v === 'object' && v.k === 'global' && attrStore.size === 0) globalCache.set(raw, v);
    return v;
  };

  const recordCall = (at: number, fn: Value, args: Value, op: string): CallVal => {
    const call: CallVal = { k: 'call', fn, args, op, offset: at };
    markPassed(args, 2);
    if (typeof fn === 'object' && fn.k === 'global' && !fn.attr) {
      const imp = fn.imp;
      imp.called = true;
      imp.calls++;
      if (imp.samples.length < 3) imp.samples.push(argsText(args, 2));
      markNestedTarget(args, imp.qual);
      return call;
    }
    // Calling something computed at load time: getattr(x, 'system')(...), import_module('os').system(...)
    const roots: ImportRecord[] = [];
    rootsOf(fn, roots);
    for (const r of roots) r.called = true;
    const callee = describe(fn, 2);
    const key = `${op}\n${callee}`;
    let rec = callsByKey.get(key);
    if (!rec) {
      rec = { callee, op, offset: at, args: argsText(args, 2), indirect: true, roots };
      callsByKey.set(key, rec);
      res.calls.push(rec);
    }
    markNestedTarget(args, callee);
    return call;
  };

  const markNestedTarget = (args: Value, callee: string) => {
    if (typeof args !== 'object' || args.k !== 'tuple') return;
    for (const a of args.items) if (typeof a === 'object' && a.k === 'bytes' && a.nested && !a.nested.passedTo) a.nested.passedTo = callee;
  };

  const bytesValue = (b: Buffer, at: number): StrLikeBytes => {
    const v: StrLikeBytes = { k: 'bytes', buf: b, offset: at };
    if (depth < maxNested && looksLikePickleBytes(b) && nestedBudget.count < NESTED_COUNT_CAP && nestedBudget.bytes + b.length <= NESTED_BYTES_CAP) {
      nestedBudget.count++;
      nestedBudget.bytes += b.length;
      const inner = runStream(b, 0, { ...opts, depth: depth + 1, nestedBudget, final: true });
      if (inner.ops > 1) {
        v.nested = { offset: at, length: b.length, depth: depth + 1, result: inner };
        res.nested.push(v.nested);
      }
    }
    return v;
  };

  const issue = (kind: IssueKind, message: string, at: number) => {
    if (res.issues.length < 64) res.issues.push({ kind, message, offset: at });
  };

  /** joblib writes raw array bytes right after a NumpyArrayWrapper's BUILD; skip them like joblib reads them. */
  const skipJoblibArray = (at: number, start: number, state: Value): number => {
    let pos = start;
    const fields = new Map<string, Value>();
    if (typeof state === 'object' && state.k === 'dict') for (let i = 0; i + 1 < state.items.length; i += 2) if (typeof state.items[i] === 'string') fields.set(state.items[i] as string, state.items[i + 1]);
    const shape = fields.get('shape');
    const dtype = fields.get('dtype');
    let count = 1;
    if (typeof shape === 'object' && shape.k === 'tuple' && shape.n === shape.items.length) {
      for (const d of shape.items) count = typeof d === 'number' && d >= 0 ? count * d : NaN;
    } else count = NaN;
    let descr = '';
    let itemsize = NaN;
    if (typeof dtype === 'object' && dtype.k === 'call') {
      if (typeof dtype.args === 'object' && dtype.args.k === 'tuple' && typeof dtype.args.items[0] === 'string') descr = dtype.args.items[0];
      const st = dtype.state;
      if (typeof st === 'object' && st.k === 'tuple' && typeof st.items[5] === 'number') itemsize = st.items[5];
      if (itemsize <= 0 || !Number.isFinite(itemsize)) {
        const m = /^[<>|=]?[a-zA-Z](\d+)$/.exec(descr);
        if (m) itemsize = Number(m[1]);
      }
    }
    if (descr.includes('O')) {
      // Object arrays are a pickle inside the pickle.
      const inner = runStream(buf, pos, { ...opts, depth: depth + 1, nestedBudget });
      res.nested.push({ offset: pos, length: inner.end - pos, depth: depth + 1, result: inner, joblibArray: true });
      if (!inner.complete) throw new Stop(`joblib object array pickle is broken: ${inner.error?.message ?? 'incomplete'}`, pos, inner.error?.eof ?? false);
      return inner.end;
    }
    const align = fields.get('numpy_array_alignment_bytes');
    if (typeof align === 'number') {
      if (pos + 1 > len) eof('joblib array padding');
      pos += 1 + buf[pos];
    }
    const size = count * itemsize;
    if (!Number.isFinite(size) || size < 0) {
      issue('joblib-array', `joblib array of unknown size (dtype ${descr || '?'}): the rest of the stream cannot be located`, at);
      throw new Stop('joblib array of unknown size', at, false);
    }
    pos += size;
    if (pos > len) eof('joblib array data');
    return pos;
  };

  try {
    for (;;) {
      if (pos >= len) eof('the opcode stream (no STOP)');
      opStart = pos;
      const code = buf[pos++];
      if ((++ops & (CHECK_EVERY - 1)) === 0) opts.checkTime?.();
      if (frameEnd >= 0 && opStart >= frameEnd) frameEnd = -1;
      switch (code) {
        case 0x28: // MARK
          marks.push(stack.length);
          break;
        case 0x2e: // STOP
          res.top = describe(pop(), 1);
          res.complete = true;
          res.end = pos;
          if (frameEnd > pos && !frameIssue) issue('frame-straddle', `STOP at ${opStart} inside a frame declared to end at ${frameEnd}`, opStart);
          res.ops = ops;
          return res;
        case 0x30: // POP
          if (stack.length > 0 && marks.length > 0 && stack.length === marks[marks.length - 1]) marks.pop();
          else pop();
          break;
        case 0x31: // POP_MARK
          popMark();
          break;
        case 0x32: // DUP
          stack.push(top());
          break;
        case 0x46: // FLOAT
          line(pos, 'FLOAT');
          pos = lineEnd;
          stack.push(FLOAT);
          break;
        case 0x49: // INT
          stack.push(parseIntLine(line(pos, 'INT'), opStart));
          pos = lineEnd;
          break;
        case 0x4c: // LONG
          stack.push(parseIntLine(line(pos, 'LONG'), opStart));
          pos = lineEnd;
          break;
        case 0x4a: // BININT
          if (pos + 4 > len) eof('BININT');
          stack.push(buf.readInt32LE(pos));
          pos += 4;
          break;
        case 0x4b: // BININT1
          if (pos + 1 > len) eof('BININT1');
          stack.push(buf[pos++]);
          break;
        case 0x4d: // BININT2
          if (pos + 2 > len) eof('BININT2');
          stack.push(buf[pos] | (buf[pos + 1] << 8));
          pos += 2;
          break;
        case 0x4e: // NONE
          stack.push(NONE);
          break;
        case 0x88:
          stack.push(TRUE);
          break;
        case 0x89:
          stack.push(FALSE);
          break;
        case 0x47: // BINFLOAT
          if (pos + 8 > len) eof('BINFLOAT');
          pos += 8;
          stack.push(FLOAT);
          break;
        case 0x8a: {
          // LONG1
          if (pos + 1 > len) eof('LONG1');
          const n = buf[pos++];
          if (pos + n > len) eof('LONG1');
          stack.push(longFromBytes(buf.subarray(pos, pos + n)));
          pos += n;
          break;
        }
        case 0x8b: {
          // LONG4
          if (pos + 4 > len) eof('LONG4');
          const n = buf.readInt32LE(pos);
          pos += 4;
          if (n < 0) throw new Stop('LONG4 with a negative length', opStart, false);
          if (pos + n > len) eof('LONG4');
          stack.push(longFromBytes(buf.subarray(pos, pos + n)));
          pos += n;
          break;
        }
        case 0x50: // PERSID
          line(pos, 'PERSID');
          pos = lineEnd;
          res.persistentIds++;
          stack.push(PERSID);
          break;
        case 0x51: // BINPERSID
          pop();
          res.persistentIds++;
          stack.push(PERSID);
          break;
        case 0x53: {
          // STRING
          const s = decodeStringRepr(line(pos, 'STRING'), opStart);
          pos = lineEnd;
          stack.push(s);
          break;
        }
        case 0x54: {
          // BINSTRING
          if (pos + 4 > len) eof('BINSTRING');
          const n = buf.readInt32LE(pos);
          pos += 4;
          if (n < 0) throw new Stop('BINSTRING with a negative length', opStart, false);
          if (pos + n > len) eof('BINSTRING');
          const b = buf.subarray(pos, pos + n);
          pos += n;
          stack.push(looksLikePickleBytes(b) ? bytesValue(b, opStart) : b.toString('latin1'));
          break;
        }
        case 0x55: {
          // SHORT_BINSTRING
          if (pos + 1 > len) eof('SHORT_BINSTRING');
          const n = buf[pos++];
          if (pos + n > len) eof('SHORT_BINSTRING');
          stack.push(buf.toString('latin1', pos, pos + n));
          pos += n;
          break;
        }
        case 0x56: // UNICODE
          stack.push(decodeRawUnicodeEscape(line(pos, 'UNICODE')));
          pos = lineEnd;
          break;
        case 0x58: {
          // BINUNICODE
          if (pos + 4 > len) eof('BINUNICODE');
          const n = buf.readUInt32LE(pos);
          pos += 4;
          if (pos + n > len) eof('BINUNICODE');
          stack.push(buf.toString('utf8', pos, pos + n));
          pos += n;
          break;
        }
        case 0x8c: {
          // SHORT_BINUNICODE
          if (pos + 1 > len) eof('SHORT_BINUNICODE');
          const n = buf[pos++];
          if (pos + n > len) eof('SHORT_BINUNICODE');
          stack.push(buf.toString('utf8', pos, pos + n));
          pos += n;
          break;
        }
        case 0x8d: {
          // BINUNICODE8
          if (pos + 8 > len) eof('BINUNICODE8');
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          if (pos + n > len) eof('BINUNICODE8');
          stack.push(buf.toString('utf8', pos, pos + n));
          pos += n;
          break;
        }
        case 0x42: {
          // BINBYTES
          if (pos + 4 > len) eof('BINBYTES');
          const n = buf.readUInt32LE(pos);
          pos += 4;
          if (pos + n > len) eof('BINBYTES');
          stack.push(bytesValue(buf.subarray(pos, pos + n), opStart));
          pos += n;
          break;
        }
        case 0x43: {
          // SHORT_BINBYTES
          if (pos + 1 > len) eof('SHORT_BINBYTES');
          const n = buf[pos++];
          if (pos + n > len) eof('SHORT_BINBYTES');
          stack.push(bytesValue(buf.subarray(pos, pos + n), opStart));
          pos += n;
          break;
        }
        case 0x8e: // BINBYTES8
        case 0x96: {
          // BYTEARRAY8
          if (pos + 8 > len) eof(opName(code));
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          if (pos + n > len) eof(opName(code));
          stack.push(bytesValue(buf.subarray(pos, pos + n), opStart));
          pos += n;
          break;
        }
        case 0x97: // NEXT_BUFFER
          stack.push(BUFFER);
          break;
        case 0x98: // READONLY_BUFFER
          top();
          break;
        case 0x29: // EMPTY_TUPLE
          stack.push({ k: 'tuple', items: [], n: 0 });
          break;
        case 0x74: // TUPLE
          stack.push(seq('tuple', popMark()));
          break;
        case 0x85: {
          const a = pop();
          stack.push({ k: 'tuple', items: [a], n: 1 });
          break;
        }
        case 0x86: {
          const b = pop();
          const a = pop();
          stack.push({ k: 'tuple', items: [a, b], n: 2 });
          break;
        }
        case 0x87: {
          const c = pop();
          const b = pop();
          const a = pop();
          stack.push({ k: 'tuple', items: [a, b, c], n: 3 });
          break;
        }
        case 0x5d: // EMPTY_LIST
          stack.push({ k: 'list', items: [], n: 0 });
          break;
        case 0x6c: // LIST
          stack.push(seq('list', popMark()));
          break;
        case 0x7d: // EMPTY_DICT
          stack.push({ k: 'dict', items: [], n: 0 });
          break;
        case 0x64: {
          // DICT
          const items = popMark();
          if (items.length % 2) throw new Stop('DICT with an odd number of items', opStart, false);
          stack.push({ k: 'dict', items: items.length > KEEP_ITEMS * 2 ? items.slice(0, KEEP_ITEMS * 2) : items, n: items.length / 2 });
          break;
        }
        case 0x8f: // EMPTY_SET
          stack.push({ k: 'set', items: [], n: 0 });
          break;
        case 0x91: // FROZENSET
          stack.push(seq('frozenset', popMark()));
          break;
        case 0x61: {
          // APPEND
          const v = pop();
          const target = top();
          if (typeof target === 'object' && (target.k === 'list' || target.k === 'set')) {
            if (target.items.length < KEEP_ITEMS) target.items.push(v);
            target.n++;
          }
          break;
        }
        case 0x65: // APPENDS
        case 0x90: {
          // ADDITEMS
          const items = popMark();
          const target = top();
          if (typeof target === 'object' && (target.k === 'list' || target.k === 'set')) {
            for (let i = 0; i < items.length && target.items.length < KEEP_ITEMS; i++) target.items.push(items[i]);
            target.n += items.length;
          }
          break;
        }
        case 0x73: {
          // SETITEM
          const v = pop();
          const k = pop();
          const target = top();
          if (typeof target === 'object' && target.k === 'dict') {
            if (target.items.length < KEEP_ITEMS * 2) target.items.push(k, v);
            target.n++;
          }
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = popMark();
          if (items.length % 2) throw new Stop('SETITEMS with an odd number of items', opStart, false);
          const target = top();
          if (typeof target === 'object' && target.k === 'dict') {
            for (let i = 0; i + 1 < items.length && target.items.length < KEEP_ITEMS * 2; i += 2) target.items.push(items[i], items[i + 1]);
            target.n += items.length / 2;
          }
          break;
        }
        case 0x67: {
          // GET
          const s = line(pos, 'GET');
          pos = lineEnd;
          if (!/^\d+$/.test(s)) throw new Stop('GET with a non-numeric key', opStart, false);
          stack.push(memoGet(Number(s)));
          break;
        }
        case 0x68: // BINGET
          if (pos + 1 > len) eof('BINGET');
          stack.push(memoGet(buf[pos++]));
          break;
        case 0x6a: // LONG_BINGET
          if (pos + 4 > len) eof('LONG_BINGET');
          stack.push(memoGet(buf.readUInt32LE(pos)));
          pos += 4;
          break;
        case 0x70: {
          // PUT
          const s = line(pos, 'PUT');
          pos = lineEnd;
          if (!/^\d+$/.test(s)) throw new Stop('PUT with a non-numeric key', opStart, false);
          memoSet(Number(s), top());
          break;
        }
        case 0x71: // BINPUT
          if (pos + 1 > len) eof('BINPUT');
          memoSet(buf[pos++], top());
          break;
        case 0x72: // LONG_BINPUT
          if (pos + 4 > len) eof('LONG_BINPUT');
          memoSet(buf.readUInt32LE(pos), top());
          pos += 4;
          break;
        case 0x94: // MEMOIZE: the key is the memo's current size, not the last index used
          memoSet(memoCount, top());
          break;
        case 0x63: // GLOBAL
        case 0x69: {
          // INST
          if (code === 0x63) {
            stack.push(globalFromLines(opStart, pos, 'GLOBAL'));
            pos = lineEnd;
          } else {
            const cls = globalFromLines(opStart, pos, 'INST');
            pos = lineEnd;
            const args = popMark();
            stack.push(recordCall(opStart, cls, seq('tuple', args), 'INST'));
          }
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = pop();
          const module = pop();
          if (typeof name === 'string' && typeof module === 'string') {
            stack.push(globalValue(opStart, module, name, 'STACK_GLOBAL'));
          } else {
            const m = typeof module === 'string' ? module : `<${describe(module, 2)}>`;
            const n = typeof name === 'string' ? name : `<${describe(name, 2)}>`;
            const from: string[] = [];
            const roots: ImportRecord[] = [];
            rootsOf(module, roots);
            rootsOf(name, roots);
            for (const r of roots) from.push(r.qual);
            stack.push(addImport(opStart, m, `${m}.${n}`, 'STACK_GLOBAL', true, from.join(', ') || undefined));
          }
          break;
        }
        case 0x82: // EXT1
        case 0x83: // EXT2
        case 0x84: {
          // EXT4
          const n = code === 0x82 ? 1 : code === 0x83 ? 2 : 4;
          if (pos + n > len) eof(opName(code));
          const ext = n === 1 ? buf[pos] : n === 2 ? buf.readUInt16LE(pos) : buf.readInt32LE(pos);
          pos += n;
          issue('ext', `${opName(code)} ${ext}: imports whatever the loading process registered under extension code ${ext} (copyreg registry)`, opStart);
          stack.push(addImport(opStart, 'copyreg', `<extension code ${ext}>`, 'EXT', false));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = pop();
          const fn = pop();
          if (typeof fn === 'object' && fn.k === 'global' && CODECS_ENCODE.has(fn.imp.qual) && typeof args === 'object' && args.k === 'tuple' && typeof args.items[0] === 'string') {
            // Protocol 2 writes bytes as _codecs.encode(str, 'latin1'): keep them as bytes for nested-pickle checks.
            recordCall(opStart, fn, args, 'REDUCE');
            const s = args.items[0] as string;
            stack.push(s.length >= 4 && (s.charCodeAt(0) === 0x80 || s.endsWith('.')) ? bytesValue(Buffer.from(s, 'latin1'), opStart) : { k: 'bytes', buf: Buffer.alloc(0), offset: opStart });
            break;
          }
          stack.push(recordCall(opStart, fn, args, 'REDUCE'));
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = pop();
          const cls = pop();
          stack.push(recordCall(opStart, cls, args, 'NEWOBJ'));
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          const kwargs = pop();
          const args = pop();
          const cls = pop();
          void kwargs;
          stack.push(recordCall(opStart, cls, args, 'NEWOBJ_EX'));
          break;
        }
        case 0x6f: {
          // OBJ
          const items = popMark();
          if (items.length === 0) throw new Stop('OBJ without a class', opStart, false);
          stack.push(recordCall(opStart, items[0], seq('tuple', items.slice(1)), 'OBJ'));
          break;
        }
        case 0x62: {
          // BUILD
          const state = pop();
          const inst = top();
          if (typeof inst === 'object' && inst.k === 'global') {
            // Setting attributes on an imported module-level object: a monkey-patching gadget.
            inst.imp.mutated = true;
            issue('build-on-global', `BUILD sets attributes on imported ${inst.imp.qual}: ${describe(state, 2)}`, opStart);
            const dicts: Value[] = [state];
            if (typeof state === 'object' && state.k === 'tuple') dicts.push(...state.items);
            for (const d of dicts) {
              if (typeof d !== 'object' || d.k !== 'dict') continue;
              for (let i = 0; i + 1 < d.items.length; i += 2) {
                const key = d.items[i];
                if (typeof key === 'string') attrStore.set(`${inst.imp.qual}.${key}`, d.items[i + 1]);
              }
            }
          } else if (typeof inst === 'object' && inst.k === 'call') {
            inst.state = state;
            if (typeof inst.fn === 'object' && inst.fn.k === 'global' && JOBLIB_WRAPPERS.has(inst.fn.imp.qual)) {
              // joblib commits the frame before writing array bytes: they live outside any frame.
              frameEnd = -1;
              pos = skipJoblibArray(opStart, pos, state);
            }
          }
          break;
        }
        case 0x80: {
          // PROTO
          if (pos + 1 > len) eof('PROTO');
          const v = buf[pos++];
          if (v > 5) throw new Stop(`unsupported pickle protocol ${v}`, opStart, false);
          if (ops === 1) res.protocol = v;
          break;
        }
        case 0x95: {
          // FRAME
          if (pos + 8 > len) eof('FRAME');
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          if (frameEnd > opStart && !frameIssue) {
            frameIssue = true;
            issue('frame-overlap', `FRAME at ${opStart} starts before the previous frame ends (${frameEnd})`, opStart);
          }
          frameEnd = pos + n;
          if (frameEnd > len && final && !frameIssue) {
            frameIssue = true;
            issue('frame-past-end', `FRAME at ${opStart} declares ${n} bytes but only ${len - pos} remain`, opStart);
          }
          break;
        }
        default:
          throw new Stop(`invalid opcode 0x${code.toString(16).padStart(2, '0')}`, opStart, false);
      }
      if (frameEnd >= 0 && pos > frameEnd && opStart < frameEnd && !frameIssue) {
        frameIssue = true;
        issue('frame-straddle', `${opName(code)} at ${opStart} runs past the end of its frame (${frameEnd})`, opStart);
      }
    }
  } catch (e) {
    res.ops = ops;
    res.end = Math.min(pos, len);
    if (e instanceof Stop) {
      const at = e.offset < 0 ? opStart : e.offset;
      res.error = { message: e.offset < 0 && !e.eof ? `${opName(buf[opStart])}: ${e.message}` : e.message, offset: at, eof: e.eof };
      return res;
    }
    if (e instanceof RangeError) {
      res.error = { message: `malformed argument at ${opStart}`, offset: opStart, eof: true };
      return res;
    }
    if (e instanceof Error && e.name === 'LimitExceededError') {
      res.error = { message: e.message, offset: opStart, eof: false, limit: true };
      return res;
    }
    throw e;
  }
}

/** True when a name is a plausible Python dotted identifier (garbage after STOP rarely is). */
export function isIdentifierPath(s: string): boolean {
  return s.length > 0 && s.length < 512 && IDENT.test(s);
}
