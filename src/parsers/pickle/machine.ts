// A symbolic pickle machine: it runs the opcode stream the way CPython's Unpickler does (stack, memo,
// marks, frames), but every import and call produces a record instead of an effect. Scanners that
// look back at "the previous opcode" or track the memo loosely have been bypassed again and again
// (picklescan #13 INST, #14 PUT/MEMOIZE confusion, modelscan #85 BUILD-planted attribute names fed to
// STACK_GLOBAL); simulating the real data flow is what closes that class.
//
// Performance: one switch per opcode over a Buffer, numbers for small ints, shared constants for
// None/bool/float/(), one value per imported global, short strings interned, records deduplicated
// per imported global. Memory does not grow with the stream: old memo entries and deep stack slots
// are replaced by shared compact stand-ins (memo.ts, STACK_WINDOW), and the machine runs over
// windows of the input (startStream), never holding the whole pickle. No recursion on input structure:
// summaries are depth-capped, nested pickles are bounded by a fixed depth.
import { IMPORT_MAPPING, NAME_MAPPING } from './compat-names.js';
import { CompactMemo } from './memo.js';
import { objectArray } from './object-array.js';
import { OPCODES, opName } from './opcodes.js';

// ---- values on the symbolic stack ---------------------------------------------------------------

export interface ConstVal { k: 'const'; repr: string }
/** A bytes literal: its length and, when short, a copy of its bytes (never a view of the input window). */
export interface StrLikeBytes { k: 'bytes'; length: number; head?: Buffer; offset: number; nested?: NestedPickle }
export interface GlobalVal {
  k: 'global';
  imp: ImportRecord;
  /** `_codecs.encode` (protocol 2 bytes): decided once per import, not per REDUCE. */
  codecs?: boolean;
  /** In OPAQUE_RESULT_CALLABLES (decided once per import). */
  opaque?: boolean;
  /** The shared result of its calls with opaque arguments. */
  opaqueResult?: CallVal;
  /** Compact stand-ins for results of calls to this global, by short first argument. */
  results?: Map<string, CallVal>;
}
export interface CallVal { k: 'call'; fn: Value; args: Value; op: string; offset: number; state?: Value; /** A compact stand-in shared by many values: never mutated. */ shared?: boolean }
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

// Compact stand-ins for values the machine no longer tracks in full (old memo entries, deep stack
// slots: see `compact` in runStream). They are shared, so tracking costs no memory per value.
const STR_UNTRACKED: ConstVal = { k: 'const', repr: '<str, not tracked>' };
const BYTES_UNTRACKED: ConstVal = { k: 'const', repr: '<bytes, not tracked>' };
const VALUE_UNTRACKED: ConstVal = { k: 'const', repr: '<value, not tracked>' };
const ARGS_ELIDED: ConstVal = { k: 'const', repr: '...' };
const CONTAINER_UNTRACKED: Record<SeqVal['k'] | 'dict', ConstVal> = {
  tuple: { k: 'const', repr: '<tuple, not tracked>' },
  list: { k: 'const', repr: '<list, not tracked>' },
  set: { k: 'const', repr: '<set, not tracked>' },
  frozenset: { k: 'const', repr: '<frozenset, not tracked>' },
  dict: { k: 'const', repr: '<dict, not tracked>' },
};
/** Arguments of a shared opaque call result (see OPAQUE_RESULT_CALLABLES): described as `(...)`. */
const ARGS_OPAQUE: ConstVal = { k: 'const', repr: '...' };
const CALL_UNTRACKED: CallVal = { k: 'call', fn: VALUE_UNTRACKED, args: ARGS_ELIDED, op: 'REDUCE', offset: 0, shared: true };

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
  /** Absolute end of the input when known before the last window (a frame past it is found at once). */
  inputEnd?: number;
  /** Memo keys analysed at most (default MAX_MEMO_KEYS; lower only to test the limit cheaply). */
  maxMemoKeys?: number;
}

class Stop extends Error {
  /** `known`: the input's known end was passed (eof that more windows cannot cure). */
  constructor(message: string, readonly offset: number, readonly eof: boolean, readonly limit = false, readonly known = false) {
    super(message);
  }
}

/**
 * A dotted Python identifier path (`a.b_c.D1`), ASCII only: what /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/
 * accepts, as a loop (the memo runs it on every old string it keeps).
 */
function isIdent(s: string): boolean {
  let start = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) start = false;
    else if (c >= 48 && c <= 57) {
      if (start) return false;
    } else if (c === 46) {
      if (start) return false;
      start = true;
    } else return false;
  }
  return !start;
}

/**
 * The (module, name) Python 3's unpickler really imports for a GLOBAL/INST/STACK_GLOBAL operand pair:
 * Python 2 names go through _compat_pickle's NAME_MAPPING, then IMPORT_MAPPING (compat-names.ts).
 * CPython applies them only below protocol 3; applying them always is the cautious reading (a
 * renamed module that Python 3 would fail to import is reported under its dangerous new name).
 */
export function canonicalName(module: string, name: string): readonly [string, string] {
  return NAME_MAPPING.get(`${module}\n${name}`) ?? [IMPORT_MAPPING.get(module) ?? module, name];
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
      return v.head && v.length <= 40 ? `b${pyRepr(v.head.toString('latin1'))}` : `<${v.length} bytes${v.nested ? ', a pickle' : ''}>`;
    case 'global':
      return v.imp.qual;
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
  if (args === ARGS_OPAQUE) return '(...)';
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

/** A value that cannot name, reach or carry code: numbers, constants, shared opaque results, flat tuples of those. */
function isOpaque(v: Value, depth: number): boolean {
  if (typeof v === 'number') return true;
  if (typeof v === 'string') return false;
  switch (v.k) {
    case 'const':
    case 'persid':
    case 'buffer':
    case 'long':
      return true;
    case 'call':
      return v.args === ARGS_OPAQUE;
    case 'tuple':
      if (depth <= 0 || v.n !== v.items.length) return false;
      // Numbers tested here: a shape or stride would otherwise cost a call per dimension.
      for (let i = 0; i < v.items.length; i++) {
        const x = v.items[i];
        if (typeof x !== 'number' && !isOpaque(x, depth - 1)) return false;
      }
      return true;
    default:
      return false;
  }
}

/**
 * An argument tuple that cannot name, reach or carry code (isOpaque at depth 2), in one pass that
 * also marks the callees of shared results among its items as passed (what markPassed would do).
 */
function opaqueArgs(args: Value): boolean {
  if (typeof args !== 'object' || args.k !== 'tuple' || args.n !== args.items.length) return false;
  const items = args.items;
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x === 'number') continue;
    if (typeof x === 'string') return false;
    switch (x.k) {
      case 'const':
      case 'persid':
      case 'buffer':
      case 'long':
        continue;
      case 'call':
        if (x.args !== ARGS_OPAQUE) return false;
        if (typeof x.fn === 'object' && x.fn.k === 'global') x.fn.imp.passed = true;
        continue;
      case 'tuple':
        if (!isOpaque(x, 1)) return false;
        continue;
      default:
        return false;
    }
  }
  return true;
}

/** Items that are all numbers or short strings (a shape, a dtype spec): cheap to keep exactly. */
function isFlatShort(items: Value[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x !== 'number' && (typeof x !== 'string' || x.length > 64)) return false;
  }
  return true;
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
// Bounded memory. A real unpickler keeps every memoised value and everything under a MARK; the
// machine keeps in full only what a later opcode can plausibly reach: low memo keys (where
// picklers put module/class names) and the most recent ones (CompactMemo, memo.ts), the
// top STACK_WINDOW stack slots, and around each MARK the two slots below it (the container that
// APPENDS/SETITEMS fill, the object a BUILD then updates, the callable of a REDUCE) and the first
// MARK_KEEP slots above it (all a container
// keeps for summaries). Everything older is replaced by a shared compact stand-in (`compact`):
// imported globals and nested pickles stay exact, a call result keeps its callee (and a short
// first argument), plain strings/bytes/containers become "not tracked". A name built from an
// untracked value is reported as computed at load time: fail closed, never silently dropped.
const STACK_WINDOW = 256;
const MARK_KEEP = KEEP_ITEMS * 2 + 1;
const MARK_BELOW = 2;
/** Only the innermost marks get kept ranges (benign nesting is shallow; deeper ones are compacted). */
const MARKS_KEPT = 64;
/** Hard caps: 8 bytes a slot is all that is left per value, but an unbounded count is still unbounded. */
const MAX_STACK = 1 << 24;
const MAX_MARKS = 1 << 20;
/** Fewest compacted slots under one mark worth folding away (see foldStack). */
const FOLD_MIN = 4096;
/** Compact call results kept per imported callable (distinct short first arguments). */
const SHARED_PER_IMPORT = 16;
const EMPTY_TUPLE: SeqVal = { k: 'tuple', items: [], n: 0 };
const GLOBAL_CACHE_SIZE = 256;
/** Slots of the shared small-int pair cache (shapes and strides). */
const PAIR_CACHE = 1024;

// Short strings (dict keys, names, device strings) repeat endlessly in checkpoints: a small
// direct-mapped cache, verified byte by byte on every hit, returns the same string without
// decoding it again. Process-wide; holds at most STR_CACHE_SIZE strings of STR_CACHE_MAX chars.
const STR_CACHE_SIZE = 4096;
/** Strings up to this length go through the cache (names, devices, small keys repeat). */
const STR_CACHE_MAX = 12;
const STR_CACHE: Array<string | undefined> = new Array<string | undefined>(STR_CACHE_SIZE).fill(undefined);
type FastSlices = Buffer & { latin1Slice?(start: number, end: number): string; utf8Slice?(start: number, end: number): string };
const HAS_SLICES = typeof (Buffer.prototype as FastSlices).latin1Slice === 'function' && typeof (Buffer.prototype as FastSlices).utf8Slice === 'function';

function latin1(buf: Buffer, start: number, end: number): string {
  return HAS_SLICES ? (buf as FastSlices).latin1Slice!(start, end) : buf.toString('latin1', start, end);
}

/**
 * Bytes [p, p + n) as a Latin-1 string, for n <= SHORT_DECODE_MAX: a fixed-arity fromCharCode is
 * several times faster than a call into Buffer's native slice for the short strings of a pickle.
 */
function shortLatin1(b: Buffer, p: number, n: number): string {
  switch (n) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(b[p]);
    case 2:
      return String.fromCharCode(b[p], b[p + 1]);
    case 3:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2]);
    case 4:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3]);
    case 5:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4]);
    case 6:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5]);
    case 7:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6]);
    case 8:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7]);
    case 9:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8]);
    case 10:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9]);
    case 11:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10]);
    case 12:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11]);
    case 13:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12]);
    case 14:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13]);
    case 15:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14]);
    case 16:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15]);
    case 17:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16]);
    case 18:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16], b[p + 17]);
    case 19:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16], b[p + 17], b[p + 18]);
    case 20:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16], b[p + 17], b[p + 18], b[p + 19]);
    case 21:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16], b[p + 17], b[p + 18], b[p + 19], b[p + 20]);
    case 22:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16], b[p + 17], b[p + 18], b[p + 19], b[p + 20], b[p + 21]);
    case 23:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16], b[p + 17], b[p + 18], b[p + 19], b[p + 20], b[p + 21], b[p + 22]);
    case 24:
      return String.fromCharCode(b[p], b[p + 1], b[p + 2], b[p + 3], b[p + 4], b[p + 5], b[p + 6], b[p + 7], b[p + 8], b[p + 9], b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15], b[p + 16], b[p + 17], b[p + 18], b[p + 19], b[p + 20], b[p + 21], b[p + 22], b[p + 23]);
    default:
      return latin1(b, p, p + n);
  }
}
const SHORT_DECODE_MAX = 24;

/** Offset of the next newline at or after `p`, or -1. Short lines (names) are scanned in JS. */
function findNl(buf: Buffer, p: number): number {
  const e = Math.min(buf.length, p + 128);
  for (let i = p; i < e; i++) if (buf[i] === 10) return i;
  return e < buf.length ? buf.indexOf(10, e) : -1;
}

/** `n` bytes at `p` as a string (UTF-8 or Latin-1), interned when short. */
function readStr(buf: Buffer, p: number, n: number, utf8: boolean): string {
  // Past the fromCharCode sizes, one native decode (it has its own ASCII fast path) without a scan here.
  if (n > SHORT_DECODE_MAX) return utf8 ? (HAS_SLICES ? (buf as FastSlices).utf8Slice!(p, p + n) : buf.toString('utf8', p, p + n)) : latin1(buf, p, p + n);
  if (utf8) {
    let high = 0;
    for (let i = p, e = p + n; i < e; i++) high |= buf[i];
    if (high >= 0x80) return buf.toString('utf8', p, p + n);
  }
  // Longer short strings (state-dict keys) rarely repeat: decoded without a cache lookup.
  if (n > STR_CACHE_MAX || n === 0) return shortLatin1(buf, p, n);
  // Names and devices repeat: a slot chosen by the length and three bytes (no hashing loop),
  // verified byte by byte, returns the same string without decoding it again.
  const slot = (Math.imul(n, 0x9e3779b1) ^ Math.imul(buf[p], 0x2d) ^ Math.imul(buf[p + (n >> 1)], 0x3b1) ^ Math.imul(buf[p + n - 1], 0x6b5)) & (STR_CACHE_SIZE - 1);
  const s = STR_CACHE[slot];
  if (s !== undefined && s.length === n) {
    let i = 0;
    while (i < n && s.charCodeAt(i) === buf[p + i]) i++;
    if (i === n) return s;
  }
  const t = shortLatin1(buf, p, n);
  STR_CACHE[slot] = t;
  return t;
}
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

/** The stand-in once the memo's table of distinct stand-ins is full: only imports and nested pickles stay exact. */
function degrade(v: Value): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return STR_UNTRACKED;
  switch (v.k) {
    case 'global':
    case 'const':
    case 'persid':
    case 'ext':
    case 'buffer':
      return v;
    case 'bytes':
      return v.nested ? v : BYTES_UNTRACKED;
    case 'long':
      return v.repr === LEGACY_TORCH_MAGIC ? v : BIGINT;
    case 'call':
      return CALL_UNTRACKED;
    case 'tuple':
    case 'list':
    case 'set':
    case 'frozenset':
    case 'dict':
      return CONTAINER_UNTRACKED[v.k];
    default:
      return VALUE_UNTRACKED;
  }
}

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
 * The compact stand-in for `v`. Memo entries (`inMemo`) also keep identifier-like strings (a
 * pickler re-reads memoised module and class names for STACK_GLOBAL at any distance) and small
 * flat tuples (shapes): both cost a few bytes and no benign loader ever needs more.
 */
function compact(v: Value, inMemo = false): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return inMemo && v.length <= 64 && isIdent(v) ? v : STR_UNTRACKED;
  switch (v.k) {
    case 'const':
    case 'persid':
    case 'ext':
    case 'buffer':
    case 'global':
      return v;
    case 'long':
      return v.repr === LEGACY_TORCH_MAGIC ? v : BIGINT;
    case 'bytes':
      return v.nested ? v : BYTES_UNTRACKED;
    case 'call':
      return v.shared ? v : compactCall(v);
    case 'tuple':
      if (inMemo && v.n <= 8 && isFlatShort(v.items)) return v;
      return CONTAINER_UNTRACKED.tuple;
    default:
      return CONTAINER_UNTRACKED[v.k];
  }
}
/** One shared stand-in per imported callable and short first argument (`numpy.dtype('f8')`: joblib re-reads those from the memo). */
function compactCall(v: CallVal): CallVal {
  const fn = v.fn;
  if (typeof fn !== 'object' || fn.k !== 'global') return CALL_UNTRACKED;
  const args = v.args;
  const a0 = typeof args === 'object' && args.k === 'tuple' && typeof args.items[0] === 'string' && args.items[0].length <= 64 ? args.items[0] : '';
  const byArg = (fn.results ??= new Map());
  let r = byArg.get(a0);
  if (r) return r;
  const key = byArg.size < SHARED_PER_IMPORT ? a0 : '';
  r = byArg.get(key);
  if (r) return r;
  const st = v.state;
  const flatState = typeof st === 'object' && st.k === 'tuple' && st.n <= KEEP_ITEMS && st.items.every((x) => typeof x === 'number' || (typeof x === 'string' && x.length <= 64) || (typeof x === 'object' && x.k === 'const'));
  r = { k: 'call', fn, args: key ? { k: 'tuple', items: [key], n: 1 } : ARGS_ELIDED, op: v.op, offset: v.offset, shared: true, ...(flatState && key ? { state: st } : {}) };
  byArg.set(key, r);
  return r;
}

/** The memo's stand-in function: one function for every stream (a per-stream closure would be a new call target each time). */
function compactForMemo(v: Value): Value {
  return compact(v, true);
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

// A class, not closures: its methods are the same functions for every stream, so the opcode loop's
// optimised code (which inlines them) stays valid from one stream to the next. Per-stream closures
// were new call targets each time: V8 threw the loop's code away on every file and recompiled it.
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
  private readonly stack: Value[] = objectArray<Value>();
  private readonly marks: number[] = [];
  private readonly memo = new CompactMemo<Value>(compactForMemo, degrade);
  private stackSweepAt = 2 * STACK_WINDOW;
  private stackSweptTo = 0;
  /** Lowest stack length since the last sweep: slots above it may hold values pushed since. */
  private stackLow = 0;
  /** Item count of the region the last popMark removed (its returned array is capped). */
  private markCount = 0;
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
  // Folding: one MARK can hold millions of items (a state dict filled by a single SETITEMS). Once
  // compacted, the items between its first MARK_KEEP and the next mark's kept slots are only a
  // count to every consumer, so they leave the stack. A real pickler never pops back into them;
  // if a stream does, analysis stops with a limit error (fail closed).
  private readonly foldAt: number[] = [];
  private readonly foldCounts: number[] = [];
  private foldTop = -1;
  /**
   * Pops from at or below this stack length take the checked path: it is at least the last MARK, the
   * folded items' top and stackLow, so a pop above it needs no check and leaves stackLow as it is.
   */
  private popFloor = 0;
  // Tuples are never mutated, so pairs of small ints (shapes, strides: two per tensor) are shared.
  // A direct-mapped cache (key -> shared tuple), checked by its items: no Map hashing per tensor.
  private readonly pairA = new Int32Array(PAIR_CACHE).fill(-1);
  private readonly pairB = new Int32Array(PAIR_CACHE);
  private readonly pairT: Array<SeqVal | undefined> = new Array<SeqVal | undefined>(PAIR_CACHE).fill(undefined);

  private readonly globalCache = new Map<string, GlobalVal>();
  /** Direct-mapped cache of GLOBAL operand texts (hash of the bytes -> text, value), verified byte by byte. */
  private readonly gHash = new Int32Array(GLOBAL_CACHE_SIZE);
  private readonly gRaw: Array<string | undefined> = new Array<string | undefined>(GLOBAL_CACHE_SIZE).fill(undefined);
  private readonly gVal: Array<GlobalVal | undefined> = new Array<GlobalVal | undefined>(GLOBAL_CACHE_SIZE).fill(undefined);
  /** The last GLOBAL operand text per first byte: checkpoints repeat the same few, one compare resolves them. */
  private readonly gLast: Array<{ raw: Uint8Array; val: GlobalVal } | undefined> = new Array<{ raw: Uint8Array; val: GlobalVal } | undefined>(256).fill(undefined);

  constructor(start: number, opts: MachineOptions) {
    this.opts = opts;
    this.depth = opts.depth ?? 0;
    this.maxNested = opts.maxNestedDepth ?? 3;
    this.nestedBudget = opts.nestedBudget ?? { bytes: 0, count: 0 };
    this.maxMemoKeys = opts.maxMemoKeys ?? MAX_MEMO_KEYS;
    this.resumeAt = start;
    this.res = { start, end: start, protocol: 0, complete: false, ops: 0, imports: [], calls: [], issues: [], nested: [], persistentIds: 0 };
  }

  // The loop's position (pos, opStart) stays in feed's locals, never in fields: V8 keeps it in
  // registers. Helpers throw Stop with offset -1; the catch block fills in the current opcode's offset.
  private eof(what: string): never {
    throw new Stop(`stream ends inside ${what}`, -1, true);
  }
  // The helpers the loop calls on every few opcodes are a short fast path, with their checks'
  // failures out of line: TurboFan inlines calls into the loop up to a total bytecode size, and
  // every inlined call site counts its callee's whole body, cold branches included.
  private pop(): Value {
    const stack = this.stack;
    return stack.length > this.popFloor ? stack.pop()! : this.popChecked();
  }
  /** A pop at or below popFloor: maybe from folded items, an empty stack or across a MARK; maybe below stackLow. */
  private popChecked(): Value {
    const stack = this.stack;
    if (stack.length <= this.foldTop) this.folded();
    if (stack.length === 0 || (this.marks.length > 0 && stack.length <= this.marks[this.marks.length - 1])) throw new Stop('pop from an empty stack', -1, false);
    const v = stack.pop()!;
    if (stack.length < this.stackLow) this.stackLow = stack.length;
    this.setFloor();
    return v;
  }
  private top(): Value {
    const n = this.stack.length;
    if (n <= this.foldTop || n === 0) this.topChecks();
    return this.stack[n - 1];
  }
  private topChecks(): never {
    if (this.stack.length <= this.foldTop) this.folded();
    throw new Stop('read from an empty stack', -1, false);
  }
  /** Pops to the last MARK. Returns at most MARK_KEEP items (all any consumer keeps); the count is in markCount. */
  private popMark(): Value[] {
    if (this.marks.length === 0) throw new Stop('no MARK to pop to', -1, false);
    const m = this.marks.pop()!;
    this.markCount = this.stack.length - m;
    if (this.foldTop >= m) {
      // This mark's folded items: counted, never looked at (consumers keep the first MARK_KEEP).
      this.markCount += this.foldCounts.pop()!;
      this.foldAt.pop();
      this.foldTop = this.foldAt.length > 0 ? this.foldAt[this.foldAt.length - 1] : -1;
    }
    // The stack ends at m: popFloor must not stay above the new low point (see popFloor).
    if (m < this.stackLow) this.stackLow = m;
    this.setFloor();
    let items: Value[];
    // The common small regions by pop() and an exact-size literal: splice is a slow generic builtin.
    switch (this.stack.length - m) {
      case 0:
        items = [];
        break;
      case 1:
        items = [this.stack.pop()!];
        break;
      case 2: {
        const b = this.stack.pop()!;
        items = [this.stack.pop()!, b];
        break;
      }
      case 3: {
        const c = this.stack.pop()!;
        const b = this.stack.pop()!;
        items = [this.stack.pop()!, b, c];
        break;
      }
      case 4: {
        const d = this.stack.pop()!;
        const c = this.stack.pop()!;
        const b = this.stack.pop()!;
        items = [this.stack.pop()!, b, c, d];
        break;
      }
      case 5: {
        const e = this.stack.pop()!;
        const d = this.stack.pop()!;
        const c = this.stack.pop()!;
        const b = this.stack.pop()!;
        items = [this.stack.pop()!, b, c, d, e];
        break;
      }
      case 6: {
        const f = this.stack.pop()!;
        const e = this.stack.pop()!;
        const d = this.stack.pop()!;
        const c = this.stack.pop()!;
        const b = this.stack.pop()!;
        items = [this.stack.pop()!, b, c, d, e, f];
        break;
      }
      default:
        if (this.markCount <= MARK_KEEP) items = this.stack.splice(m);
        else {
          items = this.stack.slice(m, m + MARK_KEEP);
          this.stack.length = m;
        }
    }
    return items;
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
  /** Replaces old stack slots (see STACK_WINDOW) by compact stand-ins; marks are non-decreasing. */
  private sweepStack() {
    const hi = this.stack.length - STACK_WINDOW;
    let i = Math.min(this.stackSweptTo, this.stackLow);
    // First mark whose kept range [m - MARK_BELOW, m + MARK_KEEP) ends after i.
    let lo = Math.max(0, this.marks.length - MARKS_KEPT);
    let up = this.marks.length;
    while (lo < up) {
      const mid = (lo + up) >>> 1;
      if (this.marks[mid] + MARK_KEEP <= i) lo = mid + 1;
      else up = mid;
    }
    let mi = lo;
    while (i < hi) {
      while (mi < this.marks.length && this.marks[mi] + MARK_KEEP <= i) mi++;
      if (mi < this.marks.length && this.marks[mi] - MARK_BELOW <= i) {
        i = this.marks[mi] + MARK_KEEP;
        continue;
      }
      const stop = mi < this.marks.length && this.marks[mi] - MARK_BELOW < hi ? this.marks[mi] - MARK_BELOW : hi;
      for (; i < stop; i++) {
        const v = this.stack[i];
        if (typeof v !== 'number') this.stack[i] = compact(v);
      }
    }
    this.stackSweptTo = Math.max(hi, 0);
    this.foldStack(hi);
    this.stackLow = this.stack.length;
    this.setFloor();
    this.stackSweepAt = this.stack.length + STACK_WINDOW;
  }
  private setFloor() {
    const m = this.marks.length > 0 ? this.marks[this.marks.length - 1] : 0;
    const f = m > this.foldTop ? m : this.foldTop;
    this.popFloor = f > this.stackLow ? f : this.stackLow;
  }
  private folded(): never {
    throw new Stop('pops a value from deep inside a huge container, which the analysis no longer tracks: analysis stopped here', -1, false, true);
  }
  private foldStack(hi: number) {
    // Last mark whose kept items end before `hi`.
    let lo = 0;
    let up = this.marks.length;
    while (lo < up) {
      const mid = (lo + up) >>> 1;
      if (this.marks[mid] + MARK_KEEP < hi) lo = mid + 1;
      else up = mid;
    }
    const k = lo - 1;
    if (k < 0) return;
    const from = this.marks[k] + MARK_KEEP;
    const to = k + 1 < this.marks.length ? Math.min(hi, this.marks[k + 1] - MARK_BELOW) : hi;
    const n = to - from;
    if (n < FOLD_MIN || this.foldTop > from) return;
    this.stack.copyWithin(from, to);
    this.stack.length -= n;
    for (let j = k + 1; j < this.marks.length; j++) this.marks[j] -= n;
    if (this.foldTop === from) this.foldCounts[this.foldCounts.length - 1] += n;
    else {
      this.foldAt.push(from);
      this.foldCounts.push(n);
      this.foldTop = from;
    }
    this.setFloor();
    this.stackSweptTo = Math.max(0, this.stackSweptTo - n);
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
        samples: objectArray<string>(),
      };
      // Every field from the start: a field added later gives the object a new shape, and code
      // optimised for one stream's globals would be thrown away when the next stream's first appear.
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
  private remember(p: number, raw: string, val: GlobalVal): GlobalVal {
    const prev = this.gLast[this.buf[p]];
    if (prev === undefined || prev.val !== val) this.gLast[this.buf[p]] = { raw: Buffer.from(raw, 'latin1'), val };
    return val;
  }
  /** GLOBAL/INST operands: one pass finds both newlines and hashes the bytes; cached GlobalVal per distinct text. */
  private globalFromLines(at: number, p: number, via: ImportVia): Value {
    const last = this.attrStore.size === 0 ? this.gLast[this.buf[p]] : undefined;
    if (last !== undefined) {
      // `raw` holds exactly one newline: equal bytes followed by a newline are the same two lines.
      const r = last.raw;
      const n = r.length;
      if (p + n < this.len && this.buf[p + n] === 10) {
        let i = 0;
        while (i < n && r[i] === this.buf[p + i]) i++;
        if (i === n) {
          this.lineEnd = p + n + 1;
          return last.val;
        }
      }
    }
    let nl1 = -1;
    let nl2 = -1;
    let h = 0;
    const e = Math.min(this.len, p + 512);
    for (let i = p; i < e; i++) {
      const c = this.buf[i];
      if (c === 10) {
        if (nl1 < 0) nl1 = i;
        else {
          nl2 = i;
          break;
        }
      }
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (nl2 < 0) {
      // Longer than any real name: the slow path (and the eof check).
      nl1 = findNl(this.buf, p);
      nl2 = nl1 < 0 ? -1 : findNl(this.buf, nl1 + 1);
      if (nl2 < 0) this.eof(`${via} operands`);
      h = 0;
    }
    this.lineEnd = nl2 + 1;
    const n = nl2 - p;
    const slot = (h ^ (h >>> 11)) & (GLOBAL_CACHE_SIZE - 1);
    if (h !== 0 && this.attrStore.size === 0 && this.gHash[slot] === h) {
      const r = this.gRaw[slot];
      if (r !== undefined && r.length === n) {
        let i = 0;
        while (i < n && r.charCodeAt(i) === this.buf[p + i]) i++;
        if (i === n) return this.remember(p, r, this.gVal[slot]!);
      }
    }
    const raw = latin1(this.buf, p, nl2);
    if (this.attrStore.size === 0) {
      const hit = this.globalCache.get(raw);
      if (hit) {
        if (h !== 0) {
          this.gHash[slot] = h;
          this.gRaw[slot] = raw;
          this.gVal[slot] = hit;
        }
        return this.remember(p, raw, hit);
      }
    }
    const cut = nl1 - p;
    let module = raw.slice(0, cut);
    let name = raw.slice(cut + 1);
    if (module.endsWith('\r')) module = module.slice(0, -1);
    if (name.endsWith('\r')) name = name.slice(0, -1);
    const v = this.globalValue(at, module, name, via);
    if (typeof v === 'object' && v.k === 'global' && this.attrStore.size === 0) {
      this.globalCache.set(raw, v);
      this.remember(p, raw, v);
    }
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
    // The loop's own constant copies (the helpers read the fields): V8 keeps them in registers.
    const buf = b;
    const len = b.length;
    // Multi-byte operands in one bounds-checked load each (TurboFan inlines DataView reads), not four.
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const { stack, marks, memo, res, opts, base, final, resumable } = this;
    let pos = this.resumeAt - base;
    let opStart = pos;
    /** The bytes ran out between opcodes (not inside one). */
    let between = false;
    // Hot counters as locals (written back on every exit): fields cost a load and a store per opcode.
    let nops = this.ops;
    let fe = this.frameEnd;
    // Opcodes run while pos < stopAt, the nearest of the window's end, the frame's end and the next
    // periodic check: one compare per opcode covers all three (0 here: the first opcode sets it).
    let stopAt = 0;
    // Only sweepStack moves it (a local spares a load of `this` per opcode).
    let sweepAt = this.stackSweepAt;
  try {
    for (;;) {
      if (pos >= stopAt) {
        if (fe >= 0 && pos >= fe) {
          // The frame ends here, or the opcode before ran past its end.
          if (pos > fe && opStart < fe && !this.frameIssue) {
            this.frameIssue = true;
            this.issue('frame-straddle', `${opName(buf[opStart])} at ${base + opStart} runs past the end of its frame (${base + fe})`, opStart);
          }
          fe = -1;
        }
        // An explicit test: a read past the end would deoptimise the loop the first time a stream runs out.
        if (pos >= len) {
          between = true;
          opStart = pos;
          this.eof('the opcode stream (no STOP)');
        }
        opts.checkTime?.();
        stopAt = Math.min(len, pos + CHECK_BYTES);
        if (fe >= 0 && fe < stopAt) stopAt = fe;
      }
      opStart = pos;
      const code = buf[pos++];
      nops++;
      switch (code) {
        case 0x28: // MARK
          if (marks.length >= MAX_MARKS) throw new Stop(`more than ${MAX_MARKS} open marks: analysis stopped here`, opStart, false, true);
          marks.push(stack.length);
          this.popFloor = stack.length;
          break;
        case 0x2e: // STOP
          res.top = describe(this.pop(), 1);
          res.complete = true;
          res.end = base + pos;
          if (final && fe > len && !this.frameIssue) this.pastEnd();
          if (fe > pos && !this.frameIssue) this.issue('frame-straddle', `STOP at ${base + opStart} inside a frame declared to end at ${base + fe}`, opStart);
          this.ops = nops;
          this.frameEnd = fe;
          res.ops = this.ops;
          return res;
        case 0x30: // POP
          if (stack.length > 0 && marks.length > 0 && stack.length === marks[marks.length - 1]) {
            marks.pop();
            this.setFloor();
          } else this.pop();
          break;
        case 0x31: // POP_MARK
          this.popMark();
          break;
        case 0x32: // DUP
          stack.push(this.top());
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
          stack.push(view.getInt32(pos, true));
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
          const n = view.getInt32(pos, true);
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
          this.pop();
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
          const n = view.getInt32(pos, true);
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
          const n = view.getUint32(pos, true);
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
          const n = view.getUint32(pos, true);
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
          this.top();
          break;
        case 0x29: // EMPTY_TUPLE (tuples are never mutated: one shared value)
          stack.push(EMPTY_TUPLE);
          break;
        case 0x74: // TUPLE
          if (pos < len && buf[pos] === 0x51 && marks.length > 0 && this.foldTop < marks[marks.length - 1] && stack.length - marks[marks.length - 1] <= MARK_KEEP && (fe < 0 || pos + 1 <= fe)) {
            // TUPLE + BINPERSID (every tensor of a torch checkpoint): the tuple only becomes the
            // persistent-id stand-in, so it is never built. Same effect as the two opcodes apart.
            // pop() per item: assigning `length` is a runtime call.
            for (let j = stack.length - marks.pop()!; j > 0; j--) stack.pop();
            if (stack.length < this.stackLow) this.stackLow = stack.length;
            this.setFloor();
            pos++;
            nops++;
            res.persistentIds++;
            stack.push(PERSID);
            break;
          }
          stack.push(this.seq('tuple', this.popMark(), this.markCount));
          break;
        case 0x85: {
          const a = this.pop();
          stack.push({ k: 'tuple', items: [a], n: 1 });
          break;
        }
        case 0x86: {
          const b = this.pop();
          const a = this.pop();
          stack.push(typeof a === 'number' && typeof b === 'number' ? this.pairOf(a, b) : { k: 'tuple', items: [a, b], n: 2 });
          break;
        }
        case 0x87: {
          const c = this.pop();
          const b = this.pop();
          const a = this.pop();
          stack.push({ k: 'tuple', items: [a, b, c], n: 3 });
          break;
        }
        case 0x5d: // EMPTY_LIST
          stack.push({ k: 'list', items: [], n: 0 });
          break;
        case 0x6c: // LIST
          stack.push(this.seq('list', this.popMark(), this.markCount));
          break;
        case 0x7d: // EMPTY_DICT
          stack.push({ k: 'dict', items: [], n: 0 });
          break;
        case 0x64: {
          // DICT
          const items = this.popMark();
          if (this.markCount % 2) throw new Stop('DICT with an odd number of items', opStart, false);
          stack.push({ k: 'dict', items: items.length > KEEP_ITEMS * 2 ? items.slice(0, KEEP_ITEMS * 2) : items, n: this.markCount >>> 1 });
          break;
        }
        case 0x8f: // EMPTY_SET
          stack.push({ k: 'set', items: [], n: 0 });
          break;
        case 0x91: // FROZENSET
          stack.push(this.seq('frozenset', this.popMark(), this.markCount));
          break;
        case 0x61: {
          // APPEND
          const v = this.pop();
          const target = this.top();
          if (typeof target === 'object' && (target.k === 'list' || target.k === 'set')) {
            if (target.items.length < KEEP_ITEMS) target.items.push(v);
            target.n++;
          }
          break;
        }
        case 0x65: // APPENDS
        case 0x90: {
          // ADDITEMS
          const items = this.popMark();
          const target = this.top();
          if (typeof target === 'object' && (target.k === 'list' || target.k === 'set')) {
            for (let i = 0; i < items.length && target.items.length < KEEP_ITEMS; i++) target.items.push(items[i]);
            target.n += this.markCount;
          }
          break;
        }
        case 0x73: {
          // SETITEM
          const v = this.pop();
          const k = this.pop();
          const target = this.top();
          if (typeof target === 'object' && target.k === 'dict') {
            if (target.items.length < KEEP_ITEMS * 2) target.items.push(k, v);
            target.n++;
          }
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = this.popMark();
          if (this.markCount % 2) throw new Stop('SETITEMS with an odd number of items', opStart, false);
          const target = this.top();
          if (typeof target === 'object' && target.k === 'dict') {
            for (let i = 0; i + 1 < items.length && target.items.length < KEEP_ITEMS * 2; i += 2) target.items.push(items[i], items[i + 1]);
            target.n += this.markCount >>> 1; // integer ops: a division would turn the field into a double
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
          stack.push(this.memoGet(view.getUint32(pos, true)));
          pos += 4;
          break;
        case 0x70: {
          // PUT
          const s = this.line(pos, 'PUT');
          pos = this.lineEnd;
          if (!/^\d+$/.test(s)) throw new Stop('PUT with a non-numeric key', opStart, false);
          this.memoSet(Number(s), this.top());
          break;
        }
        case 0x71: // BINPUT
          if (pos + 1 > len) this.eof('BINPUT');
          this.memoSet(buf[pos++], this.top());
          break;
        case 0x72: // LONG_BINPUT
          if (pos + 4 > len) this.eof('LONG_BINPUT');
          this.memoSet(view.getUint32(pos, true), this.top());
          pos += 4;
          break;
        case 0x94: // MEMOIZE: the key is the memo's current size, not the last index used
          this.memoSet(memo.count, this.top());
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
            const args = this.popMark();
            stack.push(this.recordCall(opStart, cls, this.seq('tuple', args, this.markCount), 'INST'));
          }
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = this.pop();
          const module = this.pop();
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
          const ext = n === 1 ? buf[pos] : n === 2 ? buf.readUInt16LE(pos) : view.getInt32(pos, true);
          pos += n;
          this.issue('ext', `${opName(code)} ${ext}: imports whatever the loading process registered under extension code ${ext} (copyreg registry)`, opStart);
          stack.push(this.addImport(opStart, 'copyreg', `<extension code ${ext}>`, 'EXT', false));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = this.pop();
          const fn = this.pop();
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
          const args = this.pop();
          const cls = this.pop();
          stack.push(this.recordCall(opStart, cls, args, 'NEWOBJ'));
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          const kwargs = this.pop();
          const args = this.pop();
          const cls = this.pop();
          void kwargs;
          stack.push(this.recordCall(opStart, cls, args, 'NEWOBJ_EX'));
          break;
        }
        case 0x6f: {
          // OBJ
          const items = this.popMark();
          if (this.markCount === 0) throw new Stop('OBJ without a class', opStart, false);
          stack.push(this.recordCall(opStart, items[0], this.seq('tuple', items.slice(1), this.markCount - 1), 'OBJ'));
          break;
        }
        case 0x62: {
          // BUILD
          const state = this.pop();
          const inst = this.top();
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
              fe = -1;
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
          if (nops === 1) res.protocol = v;
          break;
        }
        case 0x95: {
          // FRAME
          if (pos + 8 > len) this.eof('FRAME');
          const n = Number(buf.readBigUInt64LE(pos));
          pos += 8;
          if (fe > opStart && !this.frameIssue) {
            this.frameIssue = true;
            this.issue('frame-overlap', `FRAME at ${base + opStart} starts before the previous frame ends (${base + fe})`, opStart);
          }
          fe = pos + n;
          stopAt = pos; // the next opcode takes the slow path, which stops at the frame's end
          this.frameAt = base + opStart;
          this.frameLen = n;
          const inputEnd = final ? base + len : opts.inputEnd;
          if (inputEnd !== undefined && base + fe > inputEnd && !this.frameIssue) {
            this.frameIssue = true;
            this.issue('frame-past-end', `FRAME at ${base + opStart} declares ${n} bytes but only ${inputEnd - base - pos} remain`, opStart);
          }
          break;
        }
        default:
          throw new Stop(`invalid opcode 0x${code.toString(16).padStart(2, '0')}`, opStart, false);
      }
      if (stack.length > sweepAt) {
        if (stack.length > MAX_STACK) throw new Stop(`the stack holds more than ${MAX_STACK} values: analysis stopped here`, opStart, false, true);
        this.sweepStack();
        sweepAt = this.stackSweepAt;
      }
    }
  } catch (e) {
    this.ops = nops;
    this.frameEnd = fe;
    if (resumable && !final && ((e instanceof Stop && e.eof && !e.limit && !e.known) || e instanceof RangeError)) {
      // Out of bytes: no state changed for this opcode yet, so it runs again from its first byte.
      this.resumeAt = base + (between ? pos : opStart);
      if (!between) this.ops--;
      return undefined;
    }
    res.ops = this.ops;
    res.end = base + Math.min(pos, len);
    if (final && fe > len && !this.frameIssue && e instanceof Stop && e.eof) this.pastEnd();
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

/** True when a name is a plausible Python dotted identifier (garbage after STOP rarely is). */
export function isIdentifierPath(s: string): boolean {
  return s.length > 0 && s.length < 512 && isIdent(s);
}
