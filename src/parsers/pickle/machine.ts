// A symbolic pickle machine: it runs the opcode stream the way CPython's Unpickler does (stack, memo,
// marks, frames), but every import and call produces a record instead of an effect. Scanners that
// look back at "the previous opcode" or track the memo loosely have been bypassed again and again
// (picklescan #13 INST, #14 PUT/MEMOIZE confusion, modelscan #85 BUILD-planted attribute names fed to
// STACK_GLOBAL); simulating the real data flow is what closes that class.
//
// Memory does not grow with the stream: old memo entries (memo.ts) and deep stack slots (stack.ts)
// are replaced by shared compact stand-ins (compact.ts), and the machine runs over windows of the
// input (startStream), never holding the whole pickle. No recursion on input structure: summaries
// are depth-capped, nested pickles are bounded by a fixed depth. Values: values.ts; what the
// machine reports: records.ts.
import { argsText, describe } from './describe.js';
import { compactForMemo, degrade } from './compact.js';
import { CompactMemo } from './memo.js';
import { canonicalName } from './names.js';
import { decodeRawUnicodeEscape, decodeStringRepr, longFromBytes, parseIntLine } from './operands.js';
import { OPCODES, opName } from './opcodes.js';
import { markPassed, opaqueArgs, rootsOf } from './reach.js';
import type { CallRecord, ImportRecord, ImportVia, IssueKind, MachineOptions, StreamResult } from './records.js';
import { SymbolicStack } from './stack.js';
import { Stop } from './stop.js';
import { bytesEqual, findNl, readStr } from './strings.js';
import { ARGS_OPAQUE, BUFFER, EMPTY_TUPLE, FALSE, FLOAT, KEEP_ITEMS, NONE, PERSID, TRUE, type CallVal, type GlobalVal, type SeqVal, type StrLikeBytes, type Value } from './values.js';

export type { CallRecord, ImportRecord, ImportVia, IssueKind, MachineIssue, MachineOptions, NestedPickle, StreamError, StreamResult } from './records.js';
export type { CallVal, ConstVal, DictVal, GlobalVal, OtherVal, PVal, SeqVal, StrLikeBytes, Value } from './values.js';
export { LEGACY_TORCH_MAGIC } from './values.js';
export { canonicalName, isIdentifierPath } from './names.js';
export { describe } from './describe.js';

/** Input bytes between the loop's periodic checks (time budget): at most this many opcodes. */
const CHECK_BYTES = 1 << 16;
/** Memo keys far from the rest (hand-made pickles only) are kept in a map: bounded. */
const MAX_SPARSE_MEMO = 1 << 20;
/**
 * Memo keys per stream: the memo costs two bytes a key (memo.ts), and a key costs one byte of input
 * (MEMOIZE), so without a cap memory would grow with the stream. torch.save writes ~9 keys per
 * tensor (~130 bytes), so a benign 256 MiB pickle (maxEntryBytes) stays well under it.
 */
const MAX_MEMO_KEYS = 1 << 25;
/** Distinct imported names per stream (real checkpoints need tens, big pipelines hundreds). */
const MAX_IMPORTS = 12_000;
/** Distinct calls of computed callables recorded per stream. */
const MAX_INDIRECT_CALLS = 4096;
/** Slots of the shared small-int pair cache (shapes and strides). */
const PAIR_CACHE = 1024;
const NESTED_BYTES_CAP = 64 * 1024 * 1024;
/** Longer string/bytes literals are skipped, not held (see skipHuge): a window never grows past this. */
const HUGE_LITERAL = NESTED_BYTES_CAP;
const NESTED_COUNT_CAP = 256;
/** Allowlisted callables that return a process-wide object, not a new one: BUILD on it is tampering. */
const SHARED_INSTANCE_FACTORIES = new Set(['logging.getLogger', 'logging.getLoggerClass', 'logging.getLogRecordFactory']);
const JOBLIB_WRAPPERS = new Set(['joblib.numpy_pickle.NumpyArrayWrapper', 'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper']);
const CODECS_ENCODE = new Set(['_codecs.encode', 'codecs.encode']);
/**
 * Rebuild helpers whose result is plain data when their arguments are: a call to one of them with
 * opaque arguments (numbers, constants, persistent ids, tuples of those, other opaque results) is
 * recorded (count, argument samples) but yields one shared opaque value per helper instead of a
 * new object: millions of tensors cost no memory and no garbage. Strings, bytes, lists, dicts and
 * any other callable keep the precise path, so nothing that can name or reach code is folded.
 */
const OPAQUE_RESULT_CALLABLES = new Set([
  'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter', 'torch._utils._rebuild_parameter_with_state', 'collections.OrderedDict',
]);


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
  return startStream(start, opts).feed(buf, 0, opts.final ?? true, false)!;
}

/** A stream being analysed window by window (see startStream). */
export interface StreamRun {
  /**
   * Runs on `buf`, whose first byte is at absolute offset `base` and which must start at or before
   * `resumeAt`. Returns the result, or (resumable, not final) undefined when the bytes ran out:
   * feed again from `resumeAt` with more bytes. Offsets in the result are absolute.
   */
  feed(buf: Buffer, base: number, final: boolean, resumable: boolean): StreamResult | undefined;
  /** Absolute offset the next window must cover: the start of the opcode that did not fit. */
  readonly resumeAt: number;
}

/**
 * The machine for one stream starting at absolute offset `start`, resumable over windows of the
 * input: the caller never needs the whole pickle in memory and never re-runs from the start. An
 * opcode that straddles a window's end is re-run from its first byte (opcodes change no state
 * before all their bytes are present); raw joblib array data is skipped without being read.
 */
export function startStream(start: number, opts: MachineOptions = {}): StreamRun {
  return new StreamMachine(start, opts);
}

class StreamMachine implements StreamRun {
  readonly opts: MachineOptions;
  readonly depth: number;
  readonly maxNested: number;
  readonly nestedBudget: { bytes: number; count: number };
  readonly maxMemoKeys: number;
  private final = true;
  private resumable = false;
  private buf: Buffer = Buffer.alloc(0);
  /** Absolute offset of buf[0]: the loop works in window offsets, results carry absolute ones. */
  private base = 0;
  resumeAt: number;
  readonly res: StreamResult;
  private readonly importsByKey = new Map<string, GlobalVal>();
  private readonly callsByKey = new Map<string, CallRecord>();
  private readonly attrStore = new Map<string, Value>();
  private readonly stack = new SymbolicStack();
  private readonly memo = new CompactMemo<Value>(compactForMemo, degrade);
  /** End of the current frame, in window offsets (-1: none). */
  private frameEnd = -1;
  /** The current FRAME's opcode offset and declared length (absolute), for a past-the-end report. */
  private frameAt = -1;
  private frameLen = 0;
  private frameIssue = false;
  private ops = 0;
  private len = 0;
  /** Where the last `line` read ended (the offset after its newline). */
  private lineEnd = 0;
  // Tuples are never mutated, so pairs of small ints (shapes, strides: two per tensor) are shared.
  // A direct-mapped cache (key -> shared tuple), checked by its items: no Map hashing per tensor.
  private readonly pairA = new Int32Array(PAIR_CACHE).fill(-1);
  private readonly pairB = new Int32Array(PAIR_CACHE);
  private readonly pairT: Array<SeqVal | undefined> = new Array<SeqVal | undefined>(PAIR_CACHE).fill(undefined);

  /** GLOBAL/INST operand text -> its value (while no BUILD has planted attributes on a global). */
  private readonly globalCache = new Map<string, GlobalVal>();
  private lastGlobal: { raw: string; value: GlobalVal } | undefined;

  constructor(start: number, opts: MachineOptions) {
    this.opts = opts;
    this.depth = opts.depth ?? 0;
    this.maxNested = opts.maxNestedDepth ?? 3;
    this.nestedBudget = opts.nestedBudget ?? { bytes: 0, count: 0 };
    this.maxMemoKeys = opts.maxMemoKeys ?? MAX_MEMO_KEYS;
    this.resumeAt = start;
    this.res = { start, end: start, protocol: 0, complete: false, ops: 0, imports: [], calls: [], issues: [], nested: [], persistentIds: 0 };
  }

  // Helpers throw Stop with offset -1; the loop's catch block fills in the current opcode's offset.
  private eof(what: string): never {
    throw new Stop(`stream ends inside ${what}`, -1, true);
  }
  /** Text up to the next newline from `p`; sets lineEnd to the offset after it. */
  private line(p: number, what: string): string {
    const nl = findNl(this.buf, p);
    if (nl < 0) this.eof(what);
    const s = readStr(this.buf, p, nl - p, false);
    this.lineEnd = nl + 1;
    return s.endsWith('\r') ? s.slice(0, -1) : s;
  }
  private memoSet(i: number, v: Value) {
    if (i < 0) this.memoKeyError(i);
    const memo = this.memo;
    memo.set(i, v);
    if (memo.count > this.maxMemoKeys || memo.sparseSize > MAX_SPARSE_MEMO) this.memoKeyError(i);
  }
  private memoKeyError(i: number): never {
    if (i < 0) throw new Stop('negative memo index', -1, false);
    if (this.memo.count > this.maxMemoKeys) throw new Stop(`more than ${this.maxMemoKeys} memo keys: analysis stopped here`, -1, false, true);
    throw new Stop(`more than ${MAX_SPARSE_MEMO} scattered memo keys: analysis stopped here`, -1, false, true);
  }
  private memoGet(i: number): Value {
    const v = this.memo.get(i);
    return v !== undefined ? v : this.neverStored(i);
  }
  private neverStored(i: number): never {
    throw new Stop(`memo key ${i} was never stored`, -1, false);
  }
  private pairOf(a: number, b: number): SeqVal {
    // Only pairs of ints in [0, 0xffff] are stored and empty slots hold a = -1: a hit with a >= 0 is one.
    const slot = (Math.imul(a, 0x9e3779b1) ^ b) & (PAIR_CACHE - 1);
    if (this.pairA[slot] === a && this.pairB[slot] === b && a >= 0) return this.pairT[slot]!;
    return this.newPair(a, b, slot);
  }
  private newPair(a: number, b: number, slot: number): SeqVal {
    const t: SeqVal = { k: 'tuple', items: [a, b], n: 2 };
    if (a < 0 || b < 0 || a > 0xffff || b > 0xffff || (a | 0) !== a || (b | 0) !== b) return t;
    this.pairA[slot] = a;
    this.pairB[slot] = b;
    this.pairT[slot] = t;
    return t;
  }
  private seq(k: SeqVal['k'], items: Value[], n = items.length): SeqVal {
    return { k, items: items.length > KEEP_ITEMS ? items.slice(0, KEEP_ITEMS) : items, n };
  }

  private addImport(at: number, module: string, name: string, via: ImportVia, computed: boolean, derivedFrom?: string): GlobalVal {
    const key = `${via === 'EXT' ? 'ext:' : ''}${module}\n${name}`;
    let g = this.importsByKey.get(key);
    if (!g) {
      if (this.importsByKey.size >= MAX_IMPORTS) throw new Stop(`more than ${MAX_IMPORTS} distinct imported names: analysis stopped here`, -1, false, true);
      const [mod, nm] = computed || via === 'EXT' ? [module, name] : canonicalName(module, name);
      const imp: ImportRecord = {
        module: mod,
        name: nm,
        qual: computed || via === 'EXT' ? name : `${mod}.${nm}`,
        via,
        offset: this.base + at,
        computed,
        ...(derivedFrom ? { derivedFrom } : {}),
        dotted: !computed && nm.includes('.'),
        called: false,
        passed: false,
        mutated: false,
        calls: 0,
        samples: [],
      };
      g = {
        k: 'global',
        imp,
        codecs: CODECS_ENCODE.has(imp.qual),
        opaque: !computed && via !== 'EXT' && OPAQUE_RESULT_CALLABLES.has(imp.qual),
        opaqueResult: undefined,
        results: undefined,
      };
      this.importsByKey.set(key, g);
      this.res.imports.push(imp);
    }
    return g;
  }
  private globalValue(at: number, module: string, name: string, via: ImportVia): Value {
    const planted = this.attrStore.size > 0 ? this.attrStore.get(canonicalName(module, name).join('.')) : undefined;
    const g = this.addImport(at, module, name, via, false);
    return planted !== undefined ? planted : g;
  }
  /** GLOBAL/INST operands: two lines, module then name. */
  private globalFromLines(at: number, p: number, via: ImportVia): Value {
    // Checkpoints repeat one GLOBAL per tensor: its bytes are compared before anything is decoded.
    const last = this.lastGlobal;
    if (last !== undefined && this.attrStore.size === 0 && bytesEqual(this.buf, p, last.raw) && this.buf[p + last.raw.length] === 10) {
      this.lineEnd = p + last.raw.length + 1;
      return last.value;
    }
    const nl1 = findNl(this.buf, p);
    const nl2 = nl1 < 0 ? -1 : findNl(this.buf, nl1 + 1);
    if (nl2 < 0) this.eof(`${via} operands`);
    this.lineEnd = nl2 + 1;
    const raw = this.buf.toString('latin1', p, nl2);
    if (this.attrStore.size === 0) {
      const hit = this.globalCache.get(raw);
      if (hit) {
        this.lastGlobal = { raw, value: hit };
        return hit;
      }
    }
    const cut = nl1 - p;
    let module = raw.slice(0, cut);
    let name = raw.slice(cut + 1);
    if (module.endsWith('\r')) module = module.slice(0, -1);
    if (name.endsWith('\r')) name = name.slice(0, -1);
    const v = this.globalValue(at, module, name, via);
    if (typeof v === 'object' && v.k === 'global' && this.attrStore.size === 0) this.globalCache.set(raw, v);
    return v;
  }

  private recordCall(at: number, fn: Value, args: Value, op: string): CallVal {
    if (typeof fn === 'object' && fn.k === 'global' && fn.opaque === true && opaqueArgs(args)) {
      // Recorded exactly like any call; the value it leaves is the callable's one shared opaque result.
      const imp = fn.imp;
      imp.called = true;
      imp.calls++;
      if (imp.samples.length < 3) imp.samples.push(argsText(args, 2));
      return (fn.opaqueResult ??= { k: 'call', fn, args: ARGS_OPAQUE, op, offset: this.base + at, shared: true });
    }
    const call: CallVal = { k: 'call', fn, args, op, offset: this.base + at };
    markPassed(args, 2);
    if (typeof fn === 'object' && fn.k === 'global') {
      const imp = fn.imp;
      imp.called = true;
      imp.calls++;
      if (imp.samples.length < 3) imp.samples.push(argsText(args, 2));
      this.markNestedTarget(args, imp.qual);
      return call;
    }
    return this.recordIndirectCall(at, call);
  }

  /** Calling something computed at load time: getattr(x, 'system')(...), import_module('os').system(...) */
  private recordIndirectCall(at: number, call: CallVal): CallVal {
    const { fn, args, op } = call;
    const roots: ImportRecord[] = [];
    rootsOf(fn, roots);
    for (const r of roots) r.called = true;
    const callee = describe(fn, 2);
    const key = `${op}\n${callee}`;
    let rec = this.callsByKey.get(key);
    if (!rec) {
      if (this.callsByKey.size >= MAX_INDIRECT_CALLS) throw new Stop(`more than ${MAX_INDIRECT_CALLS} distinct calls of computed callables: analysis stopped here`, -1, false, true);
      rec = { callee, op, offset: this.base + at, args: argsText(args, 2), indirect: true, roots };
      this.callsByKey.set(key, rec);
      this.res.calls.push(rec);
    }
    this.markNestedTarget(args, callee);
    return call;
  }

  private markNestedTarget(args: Value, callee: string) {
    if (this.res.nested.length === 0 || typeof args !== 'object' || args.k !== 'tuple') return;
    for (const a of args.items) if (typeof a === 'object' && a.k === 'bytes' && a.nested && !a.nested.passedTo) a.nested.passedTo = callee;
  }

  private bytesValue(b: Buffer, at: number): StrLikeBytes {
    const v: StrLikeBytes = { k: 'bytes', length: b.length, offset: this.base + at, ...(b.length <= 40 ? { head: Buffer.from(b) } : {}) };
    if (this.depth < this.maxNested && looksLikePickleBytes(b) && this.nestedBudget.count < NESTED_COUNT_CAP && this.nestedBudget.bytes + b.length <= NESTED_BYTES_CAP) {
      this.nestedBudget.count++;
      this.nestedBudget.bytes += b.length;
      const inner = runStream(b, 0, { ...this.opts, depth: this.depth + 1, nestedBudget: this.nestedBudget, final: true });
      if (inner.ops > 1) {
        v.nested = { offset: this.base + at, length: b.length, depth: this.depth + 1, result: inner };
        this.res.nested.push(v.nested);
      }
    }
    return v;
  }

  private issue(kind: IssueKind, message: string, at: number) {
    if (this.res.issues.length < 64) this.res.issues.push({ kind, message, offset: this.base + at });
  }

  /** joblib writes raw array bytes right after a NumpyArrayWrapper's BUILD; skip them like joblib reads them. */
  private skipJoblibArray(at: number, start: number, state: Value): number {
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
      const inner = startStream(this.base + pos, { ...this.opts, depth: this.depth + 1, nestedBudget: this.nestedBudget }).feed(this.buf, this.base, this.final, false)!;
      if (!inner.complete && inner.error?.eof && this.resumable && !this.final) this.eof('joblib object array'); // whole BUILD again, with more bytes
      this.res.nested.push({ offset: this.base + pos, length: inner.end - this.base - pos, depth: this.depth + 1, result: inner, joblibArray: true });
      if (!inner.complete) throw new Stop(`joblib object array pickle is broken: ${inner.error?.message ?? 'incomplete'}`, pos, inner.error?.eof ?? false);
      return inner.end - this.base;
    }
    const align = fields.get('numpy_array_alignment_bytes');
    if (typeof align === 'number') {
      if (pos + 1 > this.len) this.eof('joblib array padding');
      pos += 1 + this.buf[pos];
    }
    const size = count * itemsize;
    if (!Number.isFinite(size) || size < 0) {
      this.issue('joblib-array', `joblib array of unknown size (dtype ${descr || '?'}): the rest of the stream cannot be located`, at);
      throw new Stop('joblib array of unknown size', at, false);
    }
    pos += size;
    // Streaming: the data may lie past this window; the next window starts after it (never read).
    if (pos > this.len && (this.final || !this.resumable)) this.eof('joblib array data');
    return pos;
  }

  /**
   * A string or bytes literal longer than HUGE_LITERAL: never held (windows would grow to its
   * size). It is pushed as a stand-in that keeps its length, and the window moves past it. Such a
   * literal could never be analysed as a nested pickle anyway (NESTED_BYTES_CAP); a name built from
   * it is reported as computed.
   */
  private skipHuge(n: number, kind: 'str' | 'bytes', at: number, dataStart: number, what: string): number {
    const end = dataStart + n;
    if (end > this.len && (this.final || !this.resumable)) this.eof(what);
    // Past the known end of the input: truncated for sure, without growing windows to find out.
    if (this.opts.inputEnd !== undefined && this.base + end > this.opts.inputEnd) throw new Stop(`stream ends inside ${what}`, -1, true, false, true);
    this.stack.push(kind === 'bytes' ? { k: 'bytes', length: n, offset: this.base + at } : { k: 'const', repr: `<str of ${n} bytes, not read>` });
    return end;
  }
  /** A frame declared in an earlier window runs past the end of the input (found once the end is known). */
  private pastEnd() {
    this.frameIssue = true;
    this.issue('frame-past-end', `FRAME at ${this.frameAt} declares ${this.frameLen} bytes but only ${this.base + this.len - this.frameAt - 9} remain`, this.frameAt - this.base);
  }
  private setWindow(b: Buffer, bBase: number, fin: boolean, canResume: boolean) {
    if (this.frameEnd >= 0) this.frameEnd = Math.max(-1, this.frameEnd + this.base - bBase);
    this.buf = b;
    this.base = bBase;
    this.final = fin;
    this.resumable = canResume;
    this.len = b.length;
  }
  feed(b: Buffer, bBase: number, fin: boolean, canResume: boolean): StreamResult | undefined {
    this.setWindow(b, bBase, fin, canResume);
    const buf = b;
    const len = b.length;
    const { stack, memo, res, opts, base, final, resumable } = this;
    let pos = this.resumeAt - base;
    let opStart = pos;
    /** The bytes ran out between opcodes (not inside one). */
    let between = false;
    // Opcodes run while pos < stopAt, the nearest of the window's end, the frame's end and the next
    // periodic check (0 here: the first opcode sets it).
    let stopAt = 0;
  try {
    for (;;) {
      if (pos >= stopAt) {
        if (this.frameEnd >= 0 && pos >= this.frameEnd) {
          // The frame ends here, or the opcode before ran past its end.
          if (pos > this.frameEnd && opStart < this.frameEnd && !this.frameIssue) {
            this.frameIssue = true;
            this.issue('frame-straddle', `${opName(buf[opStart])} at ${base + opStart} runs past the end of its frame (${base + this.frameEnd})`, opStart);
          }
          this.frameEnd = -1;
        }
        // Out of bytes between two opcodes: the next window may hold more (or the stream has no STOP).
        if (pos >= len) {
          between = true;
          opStart = pos;
          this.eof('the opcode stream (no STOP)');
        }
        opts.checkTime?.();
        stopAt = Math.min(len, pos + CHECK_BYTES);
        if (this.frameEnd >= 0 && this.frameEnd < stopAt) stopAt = this.frameEnd;
      }
      opStart = pos;
      const code = buf[pos++];
      this.ops++;
      switch (code) {
        case 0x28: // MARK
          stack.mark(opStart);
          break;
        case 0x2e: // STOP
          res.top = describe(stack.pop(), 1);
          res.complete = true;
          res.end = base + pos;
          if (final && this.frameEnd > len && !this.frameIssue) this.pastEnd();
          if (this.frameEnd > pos && !this.frameIssue) this.issue('frame-straddle', `STOP at ${base + opStart} inside a frame declared to end at ${base + this.frameEnd}`, opStart);
          res.ops = this.ops;
          return res;
        case 0x30: // POP
          stack.popTopOrMark();
          break;
        case 0x31: // POP_MARK
          stack.popMark();
          break;
        case 0x32: // DUP
          stack.push(stack.top());
          break;
        case 0x46: // FLOAT
          this.line(pos, 'FLOAT');
          pos = this.lineEnd;
          stack.push(FLOAT);
          break;
        case 0x49: // INT
          stack.push(parseIntLine(this.line(pos, 'INT'), opStart));
          pos = this.lineEnd;
          break;
        case 0x4c: // LONG
          stack.push(parseIntLine(this.line(pos, 'LONG'), opStart));
          pos = this.lineEnd;
          break;
        case 0x4a: // BININT
          if (pos + 4 > len) this.eof('BININT');
          stack.push(buf.readInt32LE(pos));
          pos += 4;
          break;
        case 0x4b: // BININT1
          if (pos + 1 > len) this.eof('BININT1');
          stack.push(buf[pos++]);
          break;
        case 0x4d: // BININT2
          if (pos + 2 > len) this.eof('BININT2');
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
          if (pos + 8 > len) this.eof('BINFLOAT');
          pos += 8;
          stack.push(FLOAT);
          break;
        case 0x8a: {
          // LONG1
          if (pos + 1 > len) this.eof('LONG1');
          const n = buf[pos++];
          if (pos + n > len) this.eof('LONG1');
          stack.push(longFromBytes(buf.subarray(pos, pos + n)));
          pos += n;
          break;
        }
        case 0x8b: {
          // LONG4
          if (pos + 4 > len) this.eof('LONG4');
          const n = buf.readInt32LE(pos);
          pos += 4;
          if (n < 0) throw new Stop('LONG4 with a negative length', opStart, false);
          if (pos + n > len) this.eof('LONG4');
          stack.push(longFromBytes(buf.subarray(pos, pos + n)));
          pos += n;
          break;
        }
        case 0x50: // PERSID
          this.line(pos, 'PERSID');
          pos = this.lineEnd;
          res.persistentIds++;
          stack.push(PERSID);
          break;
        case 0x51: // BINPERSID
          stack.pop();
          res.persistentIds++;
          stack.push(PERSID);
          break;
        case 0x53: {
          // STRING
          const s = decodeStringRepr(this.line(pos, 'STRING'), opStart);
          pos = this.lineEnd;
          stack.push(s);
          break;
        }
        case 0x54: {
          // BINSTRING
          if (pos + 4 > len) this.eof('BINSTRING');
          const n = buf.readInt32LE(pos);
          pos += 4;
          if (n < 0) throw new Stop('BINSTRING with a negative length', opStart, false);
          if (n > HUGE_LITERAL) {
            pos = this.skipHuge(n, 'str', opStart, pos, 'BINSTRING');
            break;
          }
          if (pos + n > len) this.eof('BINSTRING');
          const b = buf.subarray(pos, pos + n);
          pos += n;
          stack.push(looksLikePickleBytes(b) ? this.bytesValue(b, opStart) : b.toString('latin1'));
          break;
        }
        case 0x55: {
          // SHORT_BINSTRING
          if (pos + 1 > len) this.eof('SHORT_BINSTRING');
          const n = buf[pos++];
          if (pos + n > len) this.eof('SHORT_BINSTRING');
          stack.push(readStr(buf, pos, n, false));
          pos += n;
          break;
        }
        case 0x56: // UNICODE
          stack.push(decodeRawUnicodeEscape(this.line(pos, 'UNICODE')));
          pos = this.lineEnd;
          break;
        case 0x58: {
          // BINUNICODE
          if (pos + 4 > len) this.eof('BINUNICODE');
          const n = buf.readUInt32LE(pos);
          pos += 4;
          if (n > HUGE_LITERAL) {
            pos = this.skipHuge(n, 'str', opStart, pos, 'BINUNICODE');
            break;
          }
          if (pos + n > len) this.eof('BINUNICODE');
          stack.push(readStr(buf, pos, n, true));
          pos += n;
          break;
        }
        case 0x8c: {
          // SHORT_BINUNICODE
          if (pos + 1 > len) this.eof('SHORT_BINUNICODE');
          const n = buf[pos++];
          if (pos + n > len) this.eof('SHORT_BINUNICODE');
          stack.push(readStr(buf, pos, n, true));
          pos += n;
          break;
        }
        case 0x8d: {
          // BINUNICODE8
          if (pos + 8 > len) this.eof('BINUNICODE8');
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          if (n > HUGE_LITERAL) {
            pos = this.skipHuge(n, 'str', opStart, pos, 'BINUNICODE8');
            break;
          }
          if (pos + n > len) this.eof('BINUNICODE8');
          stack.push(readStr(buf, pos, n, true));
          pos += n;
          break;
        }
        case 0x42: {
          // BINBYTES
          if (pos + 4 > len) this.eof('BINBYTES');
          const n = buf.readUInt32LE(pos);
          pos += 4;
          if (n > HUGE_LITERAL) {
            pos = this.skipHuge(n, 'bytes', opStart, pos, 'BINBYTES');
            break;
          }
          if (pos + n > len) this.eof('BINBYTES');
          stack.push(this.bytesValue(buf.subarray(pos, pos + n), opStart));
          pos += n;
          break;
        }
        case 0x43: {
          // SHORT_BINBYTES
          if (pos + 1 > len) this.eof('SHORT_BINBYTES');
          const n = buf[pos++];
          if (pos + n > len) this.eof('SHORT_BINBYTES');
          stack.push(this.bytesValue(buf.subarray(pos, pos + n), opStart));
          pos += n;
          break;
        }
        case 0x8e: // BINBYTES8
        case 0x96: {
          // BYTEARRAY8
          if (pos + 8 > len) this.eof(opName(code));
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          if (n > HUGE_LITERAL) {
            pos = this.skipHuge(n, 'bytes', opStart, pos, opName(code));
            break;
          }
          if (pos + n > len) this.eof(opName(code));
          stack.push(this.bytesValue(buf.subarray(pos, pos + n), opStart));
          pos += n;
          break;
        }
        case 0x97: // NEXT_BUFFER
          stack.push(BUFFER);
          break;
        case 0x98: // READONLY_BUFFER
          stack.top();
          break;
        case 0x29: // EMPTY_TUPLE (tuples are never mutated: one shared value)
          stack.push(EMPTY_TUPLE);
          break;
        case 0x74: // TUPLE
          stack.push(this.seq('tuple', stack.popMark(), stack.markCount));
          break;
        case 0x85: {
          const a = stack.pop();
          stack.push({ k: 'tuple', items: [a], n: 1 });
          break;
        }
        case 0x86: {
          const b = stack.pop();
          const a = stack.pop();
          stack.push(typeof a === 'number' && typeof b === 'number' ? this.pairOf(a, b) : { k: 'tuple', items: [a, b], n: 2 });
          break;
        }
        case 0x87: {
          const c = stack.pop();
          const b = stack.pop();
          const a = stack.pop();
          stack.push({ k: 'tuple', items: [a, b, c], n: 3 });
          break;
        }
        case 0x5d: // EMPTY_LIST
          stack.push({ k: 'list', items: [], n: 0 });
          break;
        case 0x6c: // LIST
          stack.push(this.seq('list', stack.popMark(), stack.markCount));
          break;
        case 0x7d: // EMPTY_DICT
          stack.push({ k: 'dict', items: [], n: 0 });
          break;
        case 0x64: {
          // DICT
          const items = stack.popMark();
          if (stack.markCount % 2) throw new Stop('DICT with an odd number of items', opStart, false);
          stack.push({ k: 'dict', items: items.length > KEEP_ITEMS * 2 ? items.slice(0, KEEP_ITEMS * 2) : items, n: stack.markCount >>> 1 });
          break;
        }
        case 0x8f: // EMPTY_SET
          stack.push({ k: 'set', items: [], n: 0 });
          break;
        case 0x91: // FROZENSET
          stack.push(this.seq('frozenset', stack.popMark(), stack.markCount));
          break;
        case 0x61: {
          // APPEND
          const v = stack.pop();
          const target = stack.top();
          if (typeof target === 'object' && (target.k === 'list' || target.k === 'set')) {
            if (target.items.length < KEEP_ITEMS) target.items.push(v);
            target.n++;
          }
          break;
        }
        case 0x65: // APPENDS
        case 0x90: {
          // ADDITEMS
          const items = stack.popMark();
          const target = stack.top();
          if (typeof target === 'object' && (target.k === 'list' || target.k === 'set')) {
            for (let i = 0; i < items.length && target.items.length < KEEP_ITEMS; i++) target.items.push(items[i]);
            target.n += stack.markCount;
          }
          break;
        }
        case 0x73: {
          // SETITEM
          const v = stack.pop();
          const k = stack.pop();
          const target = stack.top();
          if (typeof target === 'object' && target.k === 'dict') {
            if (target.items.length < KEEP_ITEMS * 2) target.items.push(k, v);
            target.n++;
          }
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = stack.popMark();
          if (stack.markCount % 2) throw new Stop('SETITEMS with an odd number of items', opStart, false);
          const target = stack.top();
          if (typeof target === 'object' && target.k === 'dict') {
            for (let i = 0; i + 1 < items.length && target.items.length < KEEP_ITEMS * 2; i += 2) target.items.push(items[i], items[i + 1]);
            target.n += stack.markCount >>> 1;
          }
          break;
        }
        case 0x67: {
          // GET
          const s = this.line(pos, 'GET');
          pos = this.lineEnd;
          if (!/^\d+$/.test(s)) throw new Stop('GET with a non-numeric key', opStart, false);
          stack.push(this.memoGet(Number(s)));
          break;
        }
        case 0x68: // BINGET
          if (pos + 1 > len) this.eof('BINGET');
          stack.push(this.memoGet(buf[pos++]));
          break;
        case 0x6a: // LONG_BINGET
          if (pos + 4 > len) this.eof('LONG_BINGET');
          stack.push(this.memoGet(buf.readUInt32LE(pos)));
          pos += 4;
          break;
        case 0x70: {
          // PUT
          const s = this.line(pos, 'PUT');
          pos = this.lineEnd;
          if (!/^\d+$/.test(s)) throw new Stop('PUT with a non-numeric key', opStart, false);
          this.memoSet(Number(s), stack.top());
          break;
        }
        case 0x71: // BINPUT
          if (pos + 1 > len) this.eof('BINPUT');
          this.memoSet(buf[pos++], stack.top());
          break;
        case 0x72: // LONG_BINPUT
          if (pos + 4 > len) this.eof('LONG_BINPUT');
          this.memoSet(buf.readUInt32LE(pos), stack.top());
          pos += 4;
          break;
        case 0x94: // MEMOIZE: the key is the memo's current size, not the last index used
          this.memoSet(memo.count, stack.top());
          break;
        case 0x63: // GLOBAL
        case 0x69: {
          // INST
          if (code === 0x63) {
            stack.push(this.globalFromLines(opStart, pos, 'GLOBAL'));
            pos = this.lineEnd;
          } else {
            const cls = this.globalFromLines(opStart, pos, 'INST');
            pos = this.lineEnd;
            const args = stack.popMark();
            stack.push(this.recordCall(opStart, cls, this.seq('tuple', args, stack.markCount), 'INST'));
          }
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = stack.pop();
          const module = stack.pop();
          if (typeof name === 'string' && typeof module === 'string') {
            stack.push(this.globalValue(opStart, module, name, 'STACK_GLOBAL'));
          } else {
            const m = typeof module === 'string' ? module : `<${describe(module, 2)}>`;
            const n = typeof name === 'string' ? name : `<${describe(name, 2)}>`;
            const from: string[] = [];
            const roots: ImportRecord[] = [];
            rootsOf(module, roots);
            rootsOf(name, roots);
            for (const r of roots) from.push(r.qual);
            stack.push(this.addImport(opStart, m, `${m}.${n}`, 'STACK_GLOBAL', true, from.join(', ') || undefined));
          }
          break;
        }
        case 0x82: // EXT1
        case 0x83: // EXT2
        case 0x84: {
          // EXT4
          const n = code === 0x82 ? 1 : code === 0x83 ? 2 : 4;
          if (pos + n > len) this.eof(opName(code));
          const ext = n === 1 ? buf[pos] : n === 2 ? buf.readUInt16LE(pos) : buf.readInt32LE(pos);
          pos += n;
          this.issue('ext', `${opName(code)} ${ext}: imports whatever the loading process registered under extension code ${ext} (copyreg registry)`, opStart);
          stack.push(this.addImport(opStart, 'copyreg', `<extension code ${ext}>`, 'EXT', false));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = stack.pop();
          const fn = stack.pop();
          if (typeof fn === 'object' && fn.k === 'global' && fn.codecs === true && typeof args === 'object' && args.k === 'tuple' && typeof args.items[0] === 'string') {
            // Protocol 2 writes bytes as _codecs.encode(str, 'latin1'): keep them as bytes for nested-pickle checks.
            this.recordCall(opStart, fn, args, 'REDUCE');
            const s = args.items[0] as string;
            stack.push(s.length >= 4 && (s.charCodeAt(0) === 0x80 || s.endsWith('.')) ? this.bytesValue(Buffer.from(s, 'latin1'), opStart) : { k: 'bytes', length: 0, offset: base + opStart });
            break;
          }
          stack.push(this.recordCall(opStart, fn, args, 'REDUCE'));
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = stack.pop();
          const cls = stack.pop();
          stack.push(this.recordCall(opStart, cls, args, 'NEWOBJ'));
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          const kwargs = stack.pop();
          const args = stack.pop();
          const cls = stack.pop();
          void kwargs;
          stack.push(this.recordCall(opStart, cls, args, 'NEWOBJ_EX'));
          break;
        }
        case 0x6f: {
          // OBJ
          const items = stack.popMark();
          if (stack.markCount === 0) throw new Stop('OBJ without a class', opStart, false);
          stack.push(this.recordCall(opStart, items[0], this.seq('tuple', items.slice(1), stack.markCount - 1), 'OBJ'));
          break;
        }
        case 0x62: {
          // BUILD
          const state = stack.pop();
          const inst = stack.top();
          if (typeof inst === 'object' && inst.k === 'global') {
            // Setting attributes on an imported module-level object: a monkey-patching gadget.
            inst.imp.mutated = true;
            this.issue('build-on-global', `BUILD sets attributes on imported ${inst.imp.qual}: ${describe(state, 2)}`, opStart);
            const dicts: Value[] = [state];
            if (typeof state === 'object' && state.k === 'tuple') dicts.push(...state.items);
            for (const d of dicts) {
              if (typeof d !== 'object' || d.k !== 'dict') continue;
              for (let i = 0; i + 1 < d.items.length; i += 2) {
                const key = d.items[i];
                if (typeof key === 'string') this.attrStore.set(`${inst.imp.qual}.${key}`, d.items[i + 1]);
              }
            }
          } else if (typeof inst === 'object' && inst.k === 'call') {
            if (typeof inst.fn === 'object' && inst.fn.k === 'global' && SHARED_INSTANCE_FACTORIES.has(inst.fn.imp.qual)) {
              // The result is a process-wide object (the logger registry's): setting its attributes
              // tampers with the loading process (silenced or redirected logging), like BUILD on a global.
              inst.fn.imp.mutated = true;
              this.issue('build-on-global', `BUILD sets attributes on the process-wide object returned by ${describe(inst, 1)}: ${describe(state, 2)}`, opStart);
            }
            let skipTo = -1;
            if (typeof inst.fn === 'object' && inst.fn.k === 'global' && JOBLIB_WRAPPERS.has(inst.fn.imp.qual)) {
              try {
                skipTo = this.skipJoblibArray(opStart, pos, state);
              } catch (e) {
                stack.push(state); // undo the pop: a rewind runs this BUILD again
                throw e;
              }
            }
            if (!inst.shared) inst.state = state;
            if (skipTo >= 0) {
              // joblib commits the frame before writing array bytes: they live outside any frame.
              this.frameEnd = -1;
              pos = skipTo;
            }
          }
          break;
        }
        case 0x80: {
          // PROTO
          if (pos + 1 > len) this.eof('PROTO');
          const v = buf[pos++];
          if (v > 5) throw new Stop(`unsupported pickle protocol ${v}`, opStart, false);
          if (this.ops === 1) res.protocol = v;
          break;
        }
        case 0x95: {
          // FRAME
          if (pos + 8 > len) this.eof('FRAME');
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          if (this.frameEnd > opStart && !this.frameIssue) {
            this.frameIssue = true;
            this.issue('frame-overlap', `FRAME at ${base + opStart} starts before the previous frame ends (${base + this.frameEnd})`, opStart);
          }
          this.frameEnd = pos + n;
          stopAt = pos; // the next opcode takes the slow path, which stops at the frame's end
          this.frameAt = base + opStart;
          this.frameLen = n;
          const inputEnd = final ? base + len : opts.inputEnd;
          if (inputEnd !== undefined && base + this.frameEnd > inputEnd && !this.frameIssue) {
            this.frameIssue = true;
            this.issue('frame-past-end', `FRAME at ${base + opStart} declares ${n} bytes but only ${inputEnd - base - pos} remain`, opStart);
          }
          break;
        }
        default:
          throw new Stop(`invalid opcode 0x${code.toString(16).padStart(2, '0')}`, opStart, false);
      }
      stack.afterOp(opStart);
    }
  } catch (e) {
    if (resumable && !final && ((e instanceof Stop && e.eof && !e.limit && !e.known) || e instanceof RangeError)) {
      // Out of bytes: no state changed for this opcode yet, so it runs again from its first byte.
      this.resumeAt = base + (between ? pos : opStart);
      if (!between) this.ops--;
      return undefined;
    }
    res.ops = this.ops;
    res.end = base + Math.min(pos, len);
    if (final && this.frameEnd > len && !this.frameIssue && e instanceof Stop && e.eof) this.pastEnd();
    if (e instanceof Stop) {
      const at = e.offset < 0 ? opStart : e.offset;
      res.error = { message: e.offset < 0 && !e.eof ? `${opName(buf[opStart])}: ${e.message}` : e.message, offset: base + at, eof: e.eof, ...(e.limit ? { limit: true } : {}) };
      return res;
    }
    if (e instanceof RangeError) {
      res.error = { message: `malformed argument at ${base + opStart}`, offset: base + opStart, eof: true };
      return res;
    }
    if (e instanceof Error && e.name === 'LimitExceededError') {
      res.error = { message: e.message, offset: base + opStart, eof: false, limit: true };
      return res;
    }
    // A defect in the machine itself: keep what was seen before it and report the rest as unanalysed
    // (a stop, rated like a limit) instead of losing the whole file's findings to one exception.
    res.error = { message: `internal error in the pickle analysis (${e instanceof Error ? e.message : String(e)}): analysis stopped here`, offset: base + opStart, eof: false, limit: true };
    return res;
  }
  }
}

