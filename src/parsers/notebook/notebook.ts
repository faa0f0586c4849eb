// Jupyter notebooks (nbformat 4): the text a person wrote (cell sources) and the text a kernel printed
// (stream output, execute_result / display_data text, error tracebacks), each with its cell and output
// index, JSON Pointer and the raw file offset of every line, so findings can name both the notebook
// position and the line of the .ipynb. Binary payloads (images, PDF) are skipped, never decoded.
import { ParseError } from '../../core/errors.js';
import { textParser } from '../text/text.js';
import { jsonStringOffsets } from './json-positions.js';
import type { Entry, Parser } from '../../core/types.js';

/** Real notebooks have hundreds of cells; a cap keeps a generated monster bounded. */
export const MAX_CELLS = 20_000;
export const MAX_OUTPUTS_PER_CELL = 1_000;

/** Output MIME types whose text is worth reading; everything else (image/*, application/pdf, widgets) is skipped. */
const TEXT_MIMES = new Set(['text/plain', 'text/html', 'text/markdown', 'text/latex', 'application/json', 'application/javascript', 'text/csv']);

// ANSI colour and cursor sequences in tracebacks and progress bars.
const ANSI = /\x1b\[[0-9;?]{0,32}[A-Za-z]/g;

/** A decoded offset range that starts at a raw offset (one JSON string = one raw line). */
export interface NotebookPiece {
  at: number;
  raw: number;
  /** Decoded length the piece covers on its raw line (offsets beyond it stay on that line). */
  len: number;
}

export interface NotebookText {
  cell: number;
  cellType: string;
  /** Output index within the cell; absent for the cell source. */
  output?: number;
  /** stream name, execute_result, display_data, error. */
  outputType?: string;
  mime?: string;
  jsonPointer: string;
  text: string;
  pieces: NotebookPiece[];
}

export interface NotebookModel {
  nbformat?: number;
  cellCount: number;
  texts: NotebookText[];
  /** Damage seen but survived (cells beyond the cap, unexpected shapes). */
  issues: string[];
  /** Raw text offset of a decoded offset within one of `texts`. */
  rawOffset(t: NotebookText, at: number): number;
}

function rawOffset(t: NotebookText, at: number): number {
  let lo = 0;
  let hi = t.pieces.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.pieces[mid].at <= at) lo = mid;
    else hi = mid - 1;
  }
  const p = t.pieces[lo];
  return p.raw + Math.min(Math.max(0, at - p.at), p.len);
}

/** A multiline value is a string or a list of strings (one per line). */
function textOf(value: unknown, pointer: string, offsets: Map<string, number>, clean?: (s: string) => string): { text: string; pieces: NotebookPiece[] } | undefined {
  const parts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!parts) return undefined;
  let text = '';
  const pieces: NotebookPiece[] = [];
  parts.forEach((p, k) => {
    if (typeof p !== 'string') return;
    const raw = offsets.get(typeof value === 'string' ? pointer : `${pointer}/${k}`);
    const piece = clean ? clean(p) : p;
    if (raw !== undefined) pieces.push({ at: text.length, raw, len: piece.length });
    text += piece;
    // Traceback frames are separate lines without trailing newlines.
    if (clean && !text.endsWith('\n')) text += '\n';
  });
  return { text, pieces };
}

export function parseNotebookText(raw: string): NotebookModel {
  let nb: unknown;
  try {
    nb = JSON.parse(raw);
  } catch (e) {
    throw new ParseError(`not a valid notebook (JSON): ${(e as Error).message}`);
  }
  if (typeof nb !== 'object' || nb === null || !Array.isArray((nb as { cells?: unknown }).cells)) {
    throw new ParseError('not an nbformat 4 notebook: no "cells" list');
  }
  const doc = nb as { nbformat?: unknown; cells: unknown[] };
  const issues: string[] = [];
  const cells = doc.cells;
  if (cells.length > MAX_CELLS) issues.push(`${cells.length} cells; only the first ${MAX_CELLS} were read`);
  // Only positions of the strings we read are kept (image payloads are skipped).
  const offsets = jsonStringOffsets(raw, {
    maxDepth: 8,
    want: (p) => p.startsWith('/cells/') && !/\/data\/(?:image|application~1pdf|application~1vnd)/.test(p) && !p.includes('/attachments/'),
  });
  const texts: NotebookText[] = [];
  const limit = Math.min(cells.length, MAX_CELLS);
  for (let i = 0; i < limit; i++) {
    const cell = cells[i] as { cell_type?: unknown; source?: unknown; outputs?: unknown };
    if (typeof cell !== 'object' || cell === null) continue;
    const cellType = typeof cell.cell_type === 'string' ? cell.cell_type : 'unknown';
    const base = `/cells/${i}`;
    const src = textOf(cell.source, `${base}/source`, offsets);
    if (src) texts.push({ cell: i, cellType, jsonPointer: `${base}/source`, ...src });
    if (!Array.isArray(cell.outputs)) continue;
    if (cell.outputs.length > MAX_OUTPUTS_PER_CELL) issues.push(`cell ${i} has ${cell.outputs.length} outputs; only the first ${MAX_OUTPUTS_PER_CELL} were read`);
    cell.outputs.slice(0, MAX_OUTPUTS_PER_CELL).forEach((o, j) => {
      if (typeof o !== 'object' || o === null) return;
      const out = o as { output_type?: unknown; name?: unknown; text?: unknown; data?: unknown; traceback?: unknown; evalue?: unknown };
      const outputType = typeof out.output_type === 'string' ? out.output_type : 'unknown';
      const ob = `${base}/outputs/${j}`;
      const add = (pointer: string, value: unknown, extra: Partial<NotebookText>, clean?: (s: string) => string) => {
        const t = textOf(value, pointer, offsets, clean);
        if (t) texts.push({ cell: i, cellType, output: j, outputType, jsonPointer: pointer, ...extra, ...t });
      };
      if (outputType === 'stream') add(`${ob}/text`, out.text, { mime: typeof out.name === 'string' ? out.name : 'stream' });
      else if (outputType === 'error') {
        add(`${ob}/evalue`, out.evalue, {}, (s) => s.replace(ANSI, ''));
        add(`${ob}/traceback`, out.traceback, {}, (s) => s.replace(ANSI, ''));
      } else if (typeof out.data === 'object' && out.data !== null) {
        for (const [mime, value] of Object.entries(out.data as Record<string, unknown>)) {
          if (!TEXT_MIMES.has(mime)) continue;
          const pointer = `${ob}/data/${mime.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          if (mime === 'application/json' && typeof value === 'object') {
            // Structured output has no single raw line: point at the output itself.
            const at = offsets.get(`${ob}/output_type`);
            texts.push({ cell: i, cellType, output: j, outputType, mime, jsonPointer: pointer, text: JSON.stringify(value, null, 1), pieces: at === undefined ? [] : [{ at: 0, raw: at, len: 0 }] });
          } else add(pointer, value, { mime });
        }
      }
    });
  }
  const nbformat = typeof doc.nbformat === 'number' ? doc.nbformat : undefined;
  if (nbformat !== undefined && nbformat < 4) issues.push(`nbformat ${nbformat} is older than 4; cells may be missed`);
  return { nbformat, cellCount: cells.length, texts, issues, rawOffset };
}

export const notebookParser: Parser<NotebookModel> = {
  id: 'notebook',
  accepts: (entry: Entry) => entry.type.text && /\.ipynb$/i.test(entry.name),
  async parse(entry, ctx) {
    const text = await ctx.use(textParser);
    ctx.checkTime();
    return parseNotebookText(text.text);
  },
};

