// What a symbolic value can reach: the imported names inside it, and whether it can name, reach or
// carry code at all (an opaque value). All walks are depth-capped: no recursion on input structure.
import type { ImportRecord } from './records.js';
import { ARGS_OPAQUE, type Value } from './values.js';

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
export function opaqueArgs(args: Value): boolean {
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


/** Imported names reachable inside a value (for indirect calls and arguments), depth-capped. */
export function rootsOf(v: Value, out: ImportRecord[], depth = 3): void {
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
export function markPassed(v: Value, depth: number): void {
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
