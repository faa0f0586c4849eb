// Inline suppressions: `# mlwarden-ignore <rule-id>[,<rule-id>] -- reason` on the finding's line or
// the line above it, in any comment syntax (#, //, <!--, --, /*). Works in YAML, Python, shell,
// Dockerfiles and notebook cells (whose source lines sit in the .ipynb JSON as strings).
import type { TextModel } from './text.js';

const TOKEN = 'mlwarden-ignore';
const COMMENT_STARTS = ['#', '//', '<!--', '/*', '-- '];
// Anchored at the marker and free of nested quantifiers: linear on any line.
const AFTER = /^(?:-next-line)?[ \t]+([A-Za-z0-9_*/.,-]+)(?:[ \t]+--[ \t]*(.*))?/;

export interface InlineMatch {
  reason?: string;
}

function matches(list: string, ruleId: string): boolean {
  return list.split(',').some((r) => r === ruleId || r === '*' || r === 'all' || (r.endsWith('/*') && ruleId.startsWith(r.slice(0, -1))));
}

/** Drops trailing comment closers, `\\n` escapes, quotes and commas (JSON-embedded lines); linear. */
function cleanReason(r: string | undefined): string | undefined {
  if (r === undefined) return undefined;
  let end = r.length;
  for (;;) {
    while (end > 0 && /\s/.test(r[end - 1])) end--;
    if (r.endsWith('-->', end)) end -= 3;
    else if (r.endsWith('*/', end) || r.endsWith('\\n', end)) end -= 2;
    else if (end > 0 && `"',`.includes(r[end - 1])) end--;
    else break;
  }
  return r.slice(0, end).trim() || undefined;
}

export function parseInlineMarker(line: string): { rules: string; reason?: string } | undefined {
  const at = line.indexOf(TOKEN);
  if (at === -1) return undefined;
  const before = line.slice(0, at);
  if (!COMMENT_STARTS.some((c) => before.includes(c))) return undefined;
  const m = AFTER.exec(line.slice(at + TOKEN.length));
  return m ? { rules: m[1], reason: cleanReason(m[2]) } : undefined;
}

/** Anything that can hand out a line by number: a TextModel, or just the marker lines of one. */
export type LineSource = Pick<TextModel, 'line'>;

/** Only the lines of a text that carry a marker (what a later, scan-wide check needs to keep). */
export function markerLines(text: TextModel): LineSource | undefined {
  const kept = new Map<number, string>();
  for (let n = 1; n <= text.lineCount; n++) {
    const l = text.line(n);
    if (l && l.includes(TOKEN)) kept.set(n, l);
  }
  return kept.size ? { line: (n: number) => kept.get(n) } : undefined;
}

export function findInlineSuppression(text: LineSource, line: number, ruleId: string): InlineMatch | undefined {
  for (const n of [line, line - 1]) {
    const l = text.line(n);
    if (!l) continue;
    const m = parseInlineMarker(l);
    if (m && matches(m.rules, ruleId)) return { reason: m.reason };
  }
  return undefined;
}
