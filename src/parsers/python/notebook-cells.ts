// Code cells of a Jupyter notebook (.ipynb, nbformat 4; nbformat 3 `worksheets[].cells[].input` too),
// with each code line mapped to the line of the .ipynb file where its JSON string sits, so findings
// point into the notebook file itself. A small position-tracking JSON scanner (iterative, no
// recursion, one pass) rather than JSON.parse, because JSON.parse forgets where things were.
// IPython syntax is not Python: `!pip install`, `%time x`, `x = !ls`, `cmd?` lines are blanked, and
// cells whose first line is a non-Python cell magic (`%%bash`, `%%writefile`) are dropped.
import { ParseError } from '../../core/errors.js';

export interface CodeCell {
  /** 0-based index among all cells. */
  index: number;
  /** Cell source with IPython-only lines replaced by blank-equivalent Python (`pass` at the same indent). */
  code: string;
  /** rawLines[i] = 1-based .ipynb line of code line i. */
  rawLines: number[];
}

// Cell magics whose body is still Python.
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'python', 'python3', 'pypy']);

interface Frame {
  type: 'obj' | 'arr';
  /** Key under which this container sits in its parent object. */
  key?: string;
  /** Current key while reading an object. */
  curKey?: string;
  expectKey?: boolean;
  /** Set on frames that are cells: collected fields. */
  cell?: { type?: string; source: Array<{ text: string; line: number }> };
  /** Array of cell source strings belongs to this cell. */
  sourceOf?: Frame;
}

/** Reads the code cells. Throws ParseError when the file is not JSON at all; tolerates unknown fields. */
export function notebookCodeCells(json: string): CodeCell[] {
  const cells: Array<NonNullable<Frame['cell']>> = [];
  const stack: Frame[] = [];
  let line = 1;
  let i = 0;
  const n = json.length;
  const top = () => stack[stack.length - 1];
  const onValue = (kind: 'string' | 'other', text?: string, at?: number) => {
    const f = top();
    if (!f) return;
    if (f.type === 'obj') {
      if (f.cell && kind === 'string') {
        if (f.curKey === 'cell_type') f.cell.type = text;
        else if (f.curKey === 'source' || f.curKey === 'input') f.cell.source.push({ text: text!, line: at! });
      }
      f.expectKey = true;
    } else if (f.sourceOf && kind === 'string') f.sourceOf.cell!.source.push({ text: text!, line: at! });
  };
  while (i < n) {
    const c = json.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 44 /* , */) {
      i++;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const parent = top();
      const key = parent?.type === 'obj' ? parent.curKey : undefined;
      const frame: Frame = { type: c === 123 ? 'obj' : 'arr', ...(key !== undefined ? { key } : {}), expectKey: c === 123 };
      if (frame.type === 'obj' && parent?.type === 'arr' && parent.key === 'cells') frame.cell = { source: [] };
      if (frame.type === 'arr' && parent?.cell && (key === 'source' || key === 'input')) frame.sourceOf = parent;
      stack.push(frame);
      i++;
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      const f = stack.pop();
      if (!f) throw new ParseError('unbalanced JSON in notebook', i);
      if (f.cell) cells.push(f.cell);
      onValue('other');
      i++;
      continue;
    }
    if (c === 58 /* : */) {
      const f = top();
      if (f) f.expectKey = false;
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < n) {
        const d = json.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else if (d === 10) throw new ParseError(`raw newline inside a JSON string at line ${line}`, j);
        else j++;
      }
      if (j >= n) throw new ParseError('unterminated JSON string in notebook', i);
      const raw = json.slice(i, j + 1);
      const f = top();
      const isKey = f?.type === 'obj' && f.expectKey;
      // Only decode what is needed: keys, and values under cells.
      if (isKey) f!.curKey = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      else if (f && (f.cell || f.sourceOf)) onValue('string', JSON.parse(raw) as string, line);
      else onValue('other');
      i = j + 1;
      continue;
    }
    // Numbers, true, false, null: skip to the next delimiter.
    let j = i;
    while (j < n) {
      const d = json.charCodeAt(j);
      if (d === 44 || d === 125 || d === 93 || d === 10 || d === 32 || d === 13 || d === 9) break;
      j++;
    }
    if (j === i) throw new ParseError(`unexpected character in notebook JSON at line ${line}`, i);
    onValue('other');
    i = j;
  }
  if (stack.length) throw new ParseError('truncated notebook JSON', n);
  const out: CodeCell[] = [];
  cells.forEach((cell, index) => {
    if (cell.type !== 'code') return;
    const { lines, rawLines } = splitSource(cell.source);
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first !== -1) {
      const m = /^\s*%%([A-Za-z0-9_]+)/.exec(lines[first]);
      if (m && !PYTHON_CELL_MAGICS.has(m[1])) return;
    }
    out.push({ index, code: lines.map(blankIPython).join('\n'), rawLines });
  });
  return out;
}

/** Joins source strings into lines; a code line maps to the raw line of the string where it starts. */
function splitSource(source: Array<{ text: string; line: number }>): { lines: string[]; rawLines: number[] } {
  const lines: string[] = [];
  const rawLines: number[] = [];
  let cur = '';
  let curRaw = -1;
  for (const s of source) {
    const parts = s.text.split('\n');
    for (let k = 0; k < parts.length; k++) {
      const last = k === parts.length - 1;
      // A line starts in the element holding its first character (or its newline, when empty).
      if (curRaw === -1 && (parts[k] !== '' || !last)) curRaw = s.line;
      cur += parts[k];
      if (!last) {
        lines.push(cur);
        rawLines.push(curRaw);
        cur = '';
        curRaw = -1;
      }
    }
  }
  if (curRaw !== -1) {
    lines.push(cur);
    rawLines.push(curRaw);
  }
  return { lines, rawLines };
}

// `!cmd`, `%magic`, `%%magic`, `x = !cmd`, `x = %magic`, `obj?`, `??obj`.
const SHELL_OR_MAGIC = /^(\s*)(?:[!%]|\?\?|[A-Za-z_][A-Za-z0-9_, ]*=\s*[!%])/;
const HELP = /^(\s*)[A-Za-z_][A-Za-z0-9_.]*\?\??\s*$/;

function blankIPython(line: string): string {
  const m = SHELL_OR_MAGIC.exec(line) ?? HELP.exec(line);
  return m ? `${m[1]}pass` : line;
}
