// Readable one-line summaries of symbolic values (call samples, findings' evidence), depth-capped.
import type { Value } from './values.js';
import { ARGS_OPAQUE } from './values.js';

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

export function argsText(args: Value, depth: number): string {
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

