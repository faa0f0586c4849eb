// Decoded text of an entry, shared by every text-based parser and rule (secrets, YAML, Dockerfile,
// Python, inline suppressions), so that a file is read and decoded once.
import { readAll } from '../../io/sources.js';
import type { Entry, Parser } from '../../core/types.js';

export class TextModel {
  private starts?: Uint32Array | number[];
  constructor(readonly text: string) {}

  /** Offsets of line starts, computed once on first use. */
  private lineStarts(): ArrayLike<number> {
    if (!this.starts) {
      const s: number[] = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) s.push(i + 1);
      this.starts = s;
    }
    return this.starts;
  }

  /** 1-based line and column of a string index. */
  position(index: number): { line: number; column: number } {
    const s = this.lineStarts();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - s[lo] + 1 };
  }

  /** The text of a 1-based line, without its newline. */
  line(n: number): string | undefined {
    const s = this.lineStarts();
    if (n < 1 || n > s.length) return undefined;
    const end = n < s.length ? s[n] - 1 : this.text.length;
    return this.text.slice(s[n - 1], end).replace(/\r$/, '');
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}

export const textParser: Parser<TextModel> = {
  id: 'text',
  accepts: (entry: Entry) => entry.type.text && entry.kind !== 'http' && entry.kind !== 'host',
  async parse(entry, ctx) {
    const buf = await readAll(entry.source, ctx.limits.maxEntryBytes, entry.innerPath ?? entry.path);
    const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    return new TextModel(buf.toString('utf8', start));
  },
};
