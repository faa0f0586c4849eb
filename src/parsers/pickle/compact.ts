// Compact stand-ins: what an old memo entry or a deep stack slot keeps of its value (see the
// bounded-memory note in machine.ts). Imports and nested pickles stay exact, call results keep their
// callee (and a short first argument), plain strings, bytes and containers become "not tracked".
import { isIdent } from './names.js';
import { ARGS_ELIDED, BIGINT, BYTES_UNTRACKED, CALL_UNTRACKED, CONTAINER_UNTRACKED, KEEP_ITEMS, LEGACY_TORCH_MAGIC, STR_UNTRACKED, VALUE_UNTRACKED, type CallVal, type Value } from './values.js';

/** Compact call results kept per imported callable (distinct short first arguments). */
const SHARED_PER_IMPORT = 16;

/** Items that are all numbers or short strings (a shape, a dtype spec): cheap to keep exactly. */
function isFlatShort(items: Value[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x !== 'number' && (typeof x !== 'string' || x.length > 64)) return false;
  }
  return true;
}


/**
 * The compact stand-in for `v`. Memo entries (`inMemo`) also keep identifier-like strings (a
 * pickler re-reads memoised module and class names for STACK_GLOBAL at any distance) and small
 * flat tuples (shapes): both cost a few bytes and no benign loader ever needs more.
 */
export function compact(v: Value, inMemo = false): Value {
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
export function compactForMemo(v: Value): Value {
  return compact(v, true);
}


/** The stand-in once the memo's table of distinct stand-ins is full: only imports and nested pickles stay exact. */
export function degrade(v: Value): Value {
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
