// A linear pass over JSON text that finds what JSON.parse hides: duplicate object keys (JSON.parse
// keeps the last, other loaders the first or reject: a parser differential that lets two loaders see
// two different models) and the nesting depth. Explicit stack, one pass, no regex.

export interface JsonScanResult {
  duplicateKeys: Array<{ key: string; pointer: string; offset: number }>;
  maxDepth: number;
  /** The scan stopped at this depth without going further. */
  depthExceeded: boolean;
}

interface Frame {
  kind: 'object' | 'array';
  keys?: Set<string>;
  /** Last key seen in an object, or index in an array: for JSON pointers. */
  label: string;
  index: number;
  expectKey: boolean;
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads a JSON string starting at `i` (the opening quote); returns the decoded value and the end. */
function readString(text: string, i: number): { value: string; end: number } {
  let j = i + 1;
  let simple = true;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) {
      simple = false;
      j += 2;
      continue;
    }
    if (c === 0x22) break;
    j++;
  }
  const raw = text.slice(i, j + 1);
  let value = raw.slice(1, -1);
  if (!simple) {
    try {
      value = JSON.parse(raw) as string;
    } catch {
      /* leave raw: JSON.parse of the document reports the syntax error */
    }
  }
  return { value, end: j + 1 };
}

export function scanJson(text: string, maxDepth = 256, maxDuplicates = 100): JsonScanResult {
  const result: JsonScanResult = { duplicateKeys: [], maxDepth: 0, depthExceeded: false };
  const stack: Frame[] = [];
  const pointer = () => stack.map((f) => '/' + escapePointer(f.label)).join('');
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const { value, end } = readString(text, i);
      const top = stack[stack.length - 1];
      if (top && top.kind === 'object' && top.expectKey) {
        if (top.keys!.has(value)) {
          if (result.duplicateKeys.length < maxDuplicates) result.duplicateKeys.push({ key: value, pointer: pointer(), offset: i });
        } else top.keys!.add(value);
        top.label = value;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const parent = stack[stack.length - 1];
      if (parent && parent.kind === 'array') parent.label = String(parent.index);
      if (stack.length >= maxDepth) {
        result.depthExceeded = true;
        result.maxDepth = stack.length + 1;
        return result;
      }
      stack.push(c === 0x7b ? { kind: 'object', keys: new Set(), label: '', index: 0, expectKey: true } : { kind: 'array', label: '0', index: 0, expectKey: false });
      result.maxDepth = Math.max(result.maxDepth, stack.length);
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) {
        top.index++;
        top.label = String(top.index);
      }
    }
    i++;
  }
  return result;
}
