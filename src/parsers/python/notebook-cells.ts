// Code cells of a Jupyter notebook as Python, from the shared notebook parser (parsers/notebook),
// with each code line mapped to the line of the .ipynb where its JSON string sits, so findings
// point into the notebook file itself. IPython syntax is not Python: `!pip install`, `%time x`,
// `x = !ls`, `cmd?` lines are blanked, and cells whose first line is a non-Python cell magic
// (`%%bash`, `%%writefile`) are dropped.
import { parseNotebookText, type NotebookModel } from '../notebook/notebook.js';
import { TextModel } from '../text/text.js';

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

/** Reads the code cells of a parsed notebook; `raw` is the .ipynb text it was parsed from. */
export function notebookCodeCells(raw: string | TextModel, model?: NotebookModel): CodeCell[] {
  const text = typeof raw === 'string' ? new TextModel(raw) : raw;
  const nb = model ?? parseNotebookText(text.text);
  const out: CodeCell[] = [];
  for (const t of nb.texts) {
    if (t.output !== undefined || t.cellType !== 'code') continue;
    const lines = t.text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first !== -1) {
      const m = /^\s*%%([A-Za-z0-9_]+)/.exec(lines[first]);
      if (m && !PYTHON_CELL_MAGICS.has(m[1])) continue;
    }
    const rawLines: number[] = [];
    let at = 0;
    for (const l of lines) {
      rawLines.push(text.position(nb.rawOffset(t, at)).line);
      at += l.length + 1;
    }
    out.push({ index: t.cell, code: lines.map(blankIPython).join('\n'), rawLines });
  }
  return out;
}

// `!cmd`, `%magic`, `%%magic`, `x = !cmd`, `x = %magic`, `obj?`, `??obj`.
const SHELL_OR_MAGIC = /^(\s*)(?:[!%]|\?\?|[A-Za-z_][A-Za-z0-9_, ]*=\s*[!%])/;
const HELP = /^(\s*)[A-Za-z_][A-Za-z0-9_.]*\?\??\s*$/;

function blankIPython(line: string): string {
  const m = SHELL_OR_MAGIC.exec(line) ?? HELP.exec(line);
  return m ? `${m[1]}pass` : line;
}
