// Operands written as text (protocol 0: STRING, UNICODE, INT, LONG lines) or as little-endian
// integers of any length (LONG1/LONG4), decoded the way CPython's Unpickler reads them.
import { Stop } from './stop.js';
import { BIGINT, FALSE, TRUE, type Value } from './values.js';

export function decodeStringRepr(raw: string, at: number): string {
  const q = raw[0];
  if (raw.length < 2 || (q !== "'" && q !== '"') || raw[raw.length - 1] !== q) throw new Stop('STRING argument is not quoted', at, false);
  const s = raw.slice(1, -1);
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else if (n === 'r') out += '\r';
    else if (n === 'x' && i + 2 < s.length + 1) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16) || 0);
      i += 2;
    } else if (n >= '0' && n <= '7') {
      let j = i;
      while (j < s.length && j < i + 3 && s[j] >= '0' && s[j] <= '7') j++;
      out += String.fromCharCode(parseInt(s.slice(i, j), 8));
      i = j - 1;
    } else out += n;
  }
  return out;
}

export function decodeRawUnicodeEscape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && (raw[i + 1] === 'u' || raw[i + 1] === 'U')) {
      const len = raw[i + 1] === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + len);
      const cp = parseInt(hex, 16);
      if (hex.length === len && Number.isFinite(cp) && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i += 1 + len;
        continue;
      }
    }
    out += c;
  }
  return out;
}

export function parseIntLine(s: string, at: number): Value {
  const t = s.trim().replace(/L$/, '');
  if (t === '00') return FALSE;
  if (t === '01') return TRUE;
  if (!/^[+-]?\d+$/.test(t)) throw new Stop(`invalid integer literal '${s.slice(0, 20)}'`, at, false);
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : BIGINT;
}

export function longFromBytes(b: Buffer): Value {
  if (b.length === 0) return 0;
  if (b.length <= 6) return b.readIntLE(0, b.length);
  // Big integers: keep the big-endian hex so callers can recognise magic numbers.
  let hex = '';
  for (let i = b.length - 1; i >= 0; i--) hex += b[i].toString(16).padStart(2, '0');
  return { k: 'long', repr: `0x${hex.replace(/^0+(?=.)/, '')}` };
}
