// Python source and notebook code cells, parsed once per entry with the real Python grammar and
// reduced to plain facts (see analyze.ts). Rules share that one parse; the tree-sitter tree lives
// only inside parse() and is freed before it returns, so WASM memory does not grow with the scan.
import { LimitExceededError } from '../../core/errors.js';
import type { Entry, Parser } from '../../core/types.js';
import { textParser } from '../text/text.js';
import { analyze, type PythonFacts } from './analyze.js';
import { pythonParser } from './grammar.js';
import { notebookCodeCells } from './notebook-cells.js';
import { notebookParser } from '../notebook/notebook.js';

export interface PythonModel extends PythonFacts {
  kind: 'python' | 'notebook';
}

const PY_NAME = /\.(?:py|pyw|pyi)$/i;
const NB_NAME = /\.ipynb$/i;
/** Characters parsed per file; larger files are generated code or data, and cost parse time for nothing. */
export const MAX_PYTHON_CHARS = 4 * 1024 * 1024;

export function isPythonName(name: string): boolean {
  return PY_NAME.test(name) || NB_NAME.test(name);
}

async function parseText(code: string, deadline: () => boolean, mapLine?: (row: number) => number): Promise<PythonFacts> {
  const parser = await pythonParser();
  let cancelled = false;
  const tree = parser.parse(code, null, {
    // Returning true cancels the parse (the .d.ts says void; the runtime honours the return value).
    progressCallback: (() => (cancelled = deadline())) as unknown as () => void,
  });
  if (!tree) throw new LimitExceededError(cancelled ? 'Python parse ran out of time and was stopped' : 'Python parse failed', 'maxEntryMillis');
  try {
    return analyze(tree, mapLine);
  } finally {
    tree.delete();
  }
}

export const pythonCodeParser: Parser<PythonModel> = {
  id: 'python',
  accepts: (entry: Entry) => entry.type.text && entry.kind !== 'http' && entry.kind !== 'host' && isPythonName(entry.name),
  async parse(entry, ctx) {
    const textModel = await ctx.use(textParser);
    const text = textModel.text;
    if (text.length > MAX_PYTHON_CHARS) throw new LimitExceededError(`${text.length} characters of Python is over the ${MAX_PYTHON_CHARS} parsed per file`, 'maxPythonChars');
    const deadline = () => {
      try {
        ctx.checkTime();
        return false;
      } catch {
        return true;
      }
    };
    if (!NB_NAME.test(entry.name)) return { kind: 'python', ...(await parseText(text, deadline)) };
    // All code cells as one module, so `import torch` in cell 1 resolves `torch.load` in cell 9.
    // The notebook is parsed once per file and shared with the secrets rules.
    const cells = notebookCodeCells(textModel, await ctx.use(notebookParser));
    const rawLines: number[] = [];
    const code: string[] = [];
    for (const c of cells) {
      code.push(c.code);
      rawLines.push(...c.rawLines);
      if (c.rawLines.length === 0) rawLines.push(0);
    }
    const facts = await parseText(code.join('\n'), deadline, (row) => rawLines[row] ?? 1);
    ctx.checkTime();
    return { kind: 'notebook', ...facts };
  },
};
