// The values on the symbolic stack and in the memo: numbers and strings as themselves, everything
// else a small record. Shared constants stand for values that carry nothing worth telling apart
// (None, floats, persistent ids) and, once a value leaves the window the machine keeps in full,
// for what it was (compact.ts).
import type { ImportRecord, NestedPickle } from './records.js';

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

export const NONE: ConstVal = { k: 'const', repr: 'None' };
export const TRUE: ConstVal = { k: 'const', repr: 'True' };
export const FALSE: ConstVal = { k: 'const', repr: 'False' };
export const FLOAT: ConstVal = { k: 'const', repr: '<float>' };
export const BIGINT: ConstVal = { k: 'const', repr: '<int>' };
export const PERSID: OtherVal = { k: 'persid', repr: '<persistent id>' };
export const BUFFER: OtherVal = { k: 'buffer', repr: '<out-of-band buffer>' };
export const EMPTY_TUPLE: SeqVal = { k: 'tuple', items: [], n: 0 };

/** Containers keep at most this many items for summaries; the count stays exact. */
export const KEEP_ITEMS = 32;

// Compact stand-ins for values the machine no longer tracks in full (old memo entries, deep stack
// slots: see compact.ts). They are shared, so tracking costs no memory per value.
export const STR_UNTRACKED: ConstVal = { k: 'const', repr: '<str, not tracked>' };
export const BYTES_UNTRACKED: ConstVal = { k: 'const', repr: '<bytes, not tracked>' };
export const VALUE_UNTRACKED: ConstVal = { k: 'const', repr: '<value, not tracked>' };
export const ARGS_ELIDED: ConstVal = { k: 'const', repr: '...' };
export const CONTAINER_UNTRACKED: Record<SeqVal['k'] | 'dict', ConstVal> = {
  tuple: { k: 'const', repr: '<tuple, not tracked>' },
  list: { k: 'const', repr: '<list, not tracked>' },
  set: { k: 'const', repr: '<set, not tracked>' },
  frozenset: { k: 'const', repr: '<frozenset, not tracked>' },
  dict: { k: 'const', repr: '<dict, not tracked>' },
};
/** Arguments of a shared opaque call result (see OPAQUE_RESULT_CALLABLES): described as `(...)`. */
export const ARGS_OPAQUE: ConstVal = { k: 'const', repr: '...' };
export const CALL_UNTRACKED: CallVal = { k: 'call', fn: VALUE_UNTRACKED, args: ARGS_ELIDED, op: 'REDUCE', offset: 0, shared: true };

/** torch's legacy (pre-zip) serialisation starts with this number: kept exact wherever a long is compacted. */
export const LEGACY_TORCH_MAGIC = '0x1950a86a20f9469cfc6c';
