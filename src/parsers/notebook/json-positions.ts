// Where each JSON string value starts in the raw text, keyed by JSON Pointer. JSON.parse gives the
// values but no positions; this single linear pass (no recursion, strings skipped with indexOf) gives
// the positions, so a finding inside a notebook can name the raw file line. Call it on text that
// JSON.parse has accepted.

export interface StringOffsetsOptions {
  /** Pointers deeper than this are not recorded (a hostile document may nest thousands deep). */
  maxDepth?: number;
  /** Only pointers accepted by this filter are recorded. */
  want?(pointer: string): boolean;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Index of the closing quote of the string whose content starts at `from`. */
export function stringEnd(text: string, from: number): number {
  let j = from;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return text.length;
    let bs = 0;
    for (let k = q - 1; k >= from && text.charCodeAt(k) === 92; k--) bs++;
    if (bs % 2 === 0) return q;
    j = q + 1;
  }
}

/** pointer -> offset of the first character inside the quotes. */
export function jsonStringOffsets(text: string, opts: StringOffsetsOptions = {}): Map<string, number> {
  const maxDepth = opts.maxDepth ?? 32;
  const out = new Map<string, number>();
  const stack: Array<{ arr: boolean; key: string; index: number }> = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = stringEnd(text, i + 1);
      const top = stack[stack.length - 1];
      if (top && !top.arr && expectKey) {
        const raw = text.slice(i + 1, end);
        top.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        expectKey = false;
      } else if (stack.length <= maxDepth) {
        const pointer = stack.length ? '/' + stack.map((f) => (f.arr ? String(f.index) : escapePointer(f.key))).join('/') : '';
        if (!opts.want || opts.want(pointer)) out.set(pointer, i + 1);
      }
      i = end;
    } else if (c === 123 /* { */) {
      stack.push({ arr: false, key: '', index: 0 });
      expectKey = true;
    } else if (c === 91 /* [ */) {
      stack.push({ arr: true, key: '', index: 0 });
      expectKey = false;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top?.arr) top.index++;
      else expectKey = true;
    }
  }
  return out;
}
