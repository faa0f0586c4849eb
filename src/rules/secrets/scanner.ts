// Runs every detector over a list of text segments (a file's text, a notebook's cells and outputs)
// and, up to a bounded depth, over what hides inside them: base64 runs, JSON string escapes and
// URL-encoded runs. One keyword pass per segment; regexes run only in windows around keyword hits.
import { KeywordIndex } from './keyword-index.js';
import { decodeBase64, isPlaceholder, printableRatio } from './validators.js';
import type { Detector, Matcher, MatchVerdict } from './detector.js';

/** Decoding depth: base64 inside JSON inside base64 is seen, deeper nesting is not. */
export const MAX_DEPTH = 2;
/** Base64 runs shorter than this cannot hide a useful credential; longer than the cap are payloads. */
const MIN_B64 = 24;
const MAX_B64 = 64 * 1024;
/** Decoded bytes examined per entry beyond the entry itself (keeps hostile nesting bounded). */
const MAX_DECODED_TOTAL = 32 * 1024 * 1024;
const SNIPPET = 60;

export interface Segment {
  text: string;
  depth: number;
  /** Raw text offset (in the entry) of an offset in this segment. */
  toRaw(offset: number): number;
  /** Decodings applied to reach this text: 'base64', 'json-string', 'url-encoding', 'kubernetes-secret'. */
  via: string[];
  /** Where this text sits in a structured file (notebook cell/output, manifest key). */
  context?: { label: string; jsonPointer?: string; properties: Record<string, unknown> };
}

export interface SecretHit {
  detector: Detector;
  secret: string;
  /** Raw text offset in the entry. */
  offset: number;
  /** A short excerpt of the (decoded) text that contains the secret verbatim. */
  evidence: string;
  via: string[];
  context?: Segment['context'];
  verdict: MatchVerdict;
}

interface CompiledMatcher {
  detector: Detector;
  matcher: Matcher;
}

export class SecretScanner {
  private readonly index: KeywordIndex;
  /** keyword index -> matchers that use it. */
  private readonly byKeyword: number[][] = [];
  private readonly matchers: CompiledMatcher[] = [];

  constructor(readonly detectors: Detector[]) {
    const keywords: string[] = [];
    const kwIndex = new Map<string, number>();
    for (const d of detectors) {
      for (const matcher of d.matchers) {
        if (!matcher.pattern.global) throw new Error(`detector ${d.id}: pattern needs the g flag`);
        const mi = this.matchers.push({ detector: d, matcher }) - 1;
        for (const kw of matcher.keywords) {
          const k = kw.toLowerCase();
          let ki = kwIndex.get(k);
          if (ki === undefined) {
            ki = keywords.push(k) - 1;
            kwIndex.set(k, ki);
            this.byKeyword[ki] = [];
          }
          if (!this.byKeyword[ki].includes(mi)) this.byKeyword[ki].push(mi);
        }
      }
    }
    this.index = new KeywordIndex(keywords);
  }

  /** All validated, de-duplicated hits in the segments and in what they decode to. */
  scan(segments: Segment[], fileName: string, checkTime: () => void = () => {}): SecretHit[] {
    const hits: SecretHit[] = [];
    const queue = [...segments];
    let decoded = 0;
    for (let qi = 0; qi < queue.length; qi++) {
      const seg = queue[qi];
      checkTime();
      const children = this.scanSegment(seg, fileName, hits);
      for (const c of children) {
        decoded += c.text.length;
        if (decoded > MAX_DECODED_TOTAL) break;
        queue.push(c);
      }
    }
    return dedupe(hits);
  }

  private scanSegment(seg: Segment, fileName: string, out: SecretHit[]): Segment[] {
    const { text } = seg;
    const canDecode = seg.depth < MAX_DEPTH;
    const { hits, runs } = this.index.scan(text, canDecode ? MIN_B64 : 0);
    // matcher -> keyword offsets
    const perMatcher = new Map<number, Array<[number, number]>>();
    for (const [ki, offsets] of hits) {
      const kwLen = this.index.keywords[ki].length;
      for (const mi of this.byKeyword[ki]) {
        let list = perMatcher.get(mi);
        if (!list) perMatcher.set(mi, (list = []));
        const near = this.matchers[mi].matcher.near;
        for (const o of offsets) if (!near || near(text, o)) list.push([o, o + kwLen]);
      }
    }
    for (const [mi, spots] of perMatcher) if (spots.length) this.runMatcher(this.matchers[mi], spots, seg, fileName, out);
    return canDecode ? this.children(seg, runs) : [];
  }

  private runMatcher({ detector, matcher }: CompiledMatcher, spots: Array<[number, number]>, seg: Segment, fileName: string, out: SecretHit[]): void {
    const { text } = seg;
    const [before, after] = matcher.window;
    spots.sort((a, b) => a[0] - b[0]);
    const seen = new Set<number>();
    let i = 0;
    while (i < spots.length) {
      // Merge overlapping windows so each stretch of text is matched once.
      const ws = Math.max(0, spots[i][0] - before);
      let we = Math.min(text.length, spots[i][1] + after);
      i++;
      while (i < spots.length && spots[i][0] - before <= we) {
        we = Math.min(text.length, Math.max(we, spots[i][1] + after));
        i++;
      }
      const slice = text.slice(ws, we);
      const re = matcher.pattern;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(slice)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const index = ws + m.index;
        if (seen.has(index)) continue;
        seen.add(index);
        const secret = m.groups?.s ?? m[1] ?? m[0];
        if (!secret) continue;
        if (!matcher.allowPlaceholderWords && isPlaceholder(secret)) continue;
        const verdict = matcher.validate ? matcher.validate({ m, secret, text, index, fileName }) : true;
        if (verdict === false) continue;
        const v: MatchVerdict = verdict === true ? {} : verdict;
        const finalSecret = v.secret ?? secret;
        const rel = m[0].indexOf(secret);
        const at = v.secret ? Math.max(0, text.indexOf(v.secret, Math.max(0, index - 2000))) : index + Math.max(0, rel);
        out.push({
          detector,
          secret: finalSecret,
          offset: seg.toRaw(at),
          evidence: snippet(text, at, at + finalSecret.length, seg.via),
          via: seg.via,
          context: seg.context,
          verdict: v,
        });
      }
    }
  }

  /** Text hidden in base64 runs, JSON string escapes and URL-encoded runs of this segment. */
  private children(seg: Segment, runs: Array<[number, number]>): Segment[] {
    const { text } = seg;
    const kids: Segment[] = [];
    const child = (start: number, decodedText: string, how: string) => {
      kids.push({ text: decodedText, depth: seg.depth + 1, toRaw: () => seg.toRaw(start), via: [...seg.via, how], context: seg.context });
    };
    for (const [s, e] of runs) {
      if (e - s > MAX_B64) continue;
      // Cheap look at the first bytes before decoding the whole run: most runs are hashes and identifiers.
      if (!printableHead(text, s)) continue;
      let end = e;
      while (end < text.length && end - e < 2 && text.charCodeAt(end) === 61 /* = */) end++;
      const buf = decodeBase64(text.slice(s, end));
      if (!buf || buf.length < 12 || printableRatio(buf, 4096) < 0.95) continue;
      const decodedText = buf.toString('utf8');
      if (decodedText.includes('\uFFFD')) continue;
      child(s, decodedText, 'base64');
    }
    if (text.includes('\\u') || text.includes('\\/')) this.jsonEscapes(text, child);
    if (text.includes('%')) this.urlEncoded(text, child);
    return kids;
  }

  /**
   * Decodes JSON string literals that contain \\uXXXX or \\/ escapes (other escapes do not hide tokens).
   * A forward scan tracks whether each escape sits inside a string, so every character is visited a
   * bounded number of times even on one huge line full of escapes.
   */
  private jsonEscapes(text: string, child: (start: number, t: string, how: string) => void): void {
    const re = /\\u[0-9a-fA-F]{4}|\\\//g;
    let inStr = false;
    let open = -1;
    let cursor = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m.index < cursor) continue;
      for (; cursor < m.index; cursor++) {
        const c = text.charCodeAt(cursor);
        if (c === 10) inStr = false;
        else if (c === 92) cursor++;
        else if (c === 34) {
          inStr = !inStr;
          if (inStr) open = cursor;
        }
      }
      if (!inStr) continue;
      let end = -1;
      let k = m.index;
      for (; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c === 92) k++;
        else if (c === 34) {
          end = k;
          break;
        } else if (c === 10) break;
      }
      // Past this string (or this unterminated line) either way.
      cursor = k + 1;
      inStr = false;
      re.lastIndex = cursor;
      if (end === -1) continue;
      try {
        const decoded = JSON.parse(text.slice(open, end + 1)) as string;
        child(open, decoded, 'json-string');
      } catch {
        // not a JSON string after all
      }
    }
  }

  /** Decodes runs of URL characters with at least two %XX escapes. */
  private urlEncoded(text: string, child: (start: number, t: string, how: string) => void): void {
    const isUrlChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 37 || c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 38 || c === 61;
    let i = text.indexOf('%');
    while (i !== -1) {
      let s = i;
      while (s > 0 && isUrlChar(text.charCodeAt(s - 1))) s--;
      let e = i;
      while (e < text.length && isUrlChar(text.charCodeAt(e))) e++;
      const run = text.slice(s, e);
      const escapes = run.match(/%[0-9A-Fa-f]{2}/g)?.length ?? 0;
      if (escapes >= 2 && run.length >= 16) {
        try {
          child(s, decodeURIComponent(run.replace(/\+/g, ' ')), 'url-encoding');
        } catch {
          // malformed escapes
        }
      }
      i = text.indexOf('%', Math.max(e, i + 1));
    }
  }
}

const B64_VALUE = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (B64_VALUE[c.charCodeAt(0)] = i));
B64_VALUE[45] = 62; // '-' (URL-safe)
B64_VALUE[95] = 63; // '_'

/** Whether the first 6 bytes that 8 base64 characters at `s` encode are printable text; no allocation. */
function printableHead(text: string, s: number): boolean {
  for (let g = 0; g < 2; g++) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const d = B64_VALUE[text.charCodeAt(s + g * 4 + k) & 127];
      if (d < 0) return false;
      v = (v << 6) | d;
    }
    for (const b of [(v >> 16) & 255, (v >> 8) & 255, v & 255]) if (!((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13 || b >= 0xc2)) return false;
  }
  return true;
}

/** The line of `text` around [start, end), cropped, with the decoding chain as a prefix. */
export function snippet(text: string, start: number, end: number, via: string[]): string {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le === -1) le = text.length;
  const from = Math.max(ls, start - SNIPPET);
  const to = Math.min(le, end + SNIPPET);
  const body = `${from > ls ? '…' : ''}${text.slice(from, to).replace(/\r$/, '')}${to < le ? '…' : ''}`;
  return via.length ? `[${via.join(' → ')}] ${body}` : body;
}

/** One hit per (rule, secret); a generic format yields to a provider-specific hit on the same secret. */
function dedupe(hits: SecretHit[]): SecretHit[] {
  const specific = hits.filter((h) => !h.detector.generic);
  const seen = new Set<string>();
  const out: SecretHit[] = [];
  for (const h of hits) {
    if (h.detector.generic && specific.some((s) => s.secret.includes(h.secret) || h.secret.includes(s.secret) || s.verdict.covers?.includes(h.secret))) continue;
    const key = `${h.detector.id}\0${h.secret}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(h);
  }
  return out;
}
