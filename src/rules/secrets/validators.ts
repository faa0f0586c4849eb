// Structure checks that replace entropy guesses: checksums, decodable bodies, fixed infixes, and the
// tell-tale signs of a documentation example or a template variable.

import { crc32 } from '../../io/crc32.js';

export { crc32 };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62Encode(n: number, width: number): string {
  let s = '';
  while (n > 0) {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

/**
 * GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm (npm_) tokens: 30 random base62 characters, then the
 * CRC32 of those 30 characters in base62, left-padded to 6 (github.blog 2021-04-05, 2021-09-23).
 */
export function hasBase62Crc(body36: string): boolean {
  if (body36.length !== 36) return false;
  return base62Encode(crc32(body36.slice(0, 30)), 6) === body36.slice(30);
}

/** Words that mark a value as an example, template or redaction rather than a credential. */
const PLACEHOLDER_WORDS = [
  'example', 'xxxx', 'dummy', 'redacted', 'placeholder', 'your_', 'your-', 'yourkey', 'yourtoken', 'yourapi', 'yoursecret',
  'changeme', 'change_me', 'sample', 'insert', 'replace', 'notreal', 'not_real', 'fake', 'foobar', 'mytoken', 'mykey', 'test_key',
  '...', '***', '${', '{{', '%(', '<', '>',
];

/** True when `value` reads like a placeholder: template syntax, example words, repeats, sequences. */
export function isPlaceholder(value: string): boolean {
  const v = value.toLowerCase();
  for (const w of PLACEHOLDER_WORDS) if (v.includes(w)) return true;
  if (/^\$[A-Za-z_]/.test(value)) return true;
  if (/(.)\1{5,}/.test(v)) return true;
  let asc = 1;
  for (let i = 1; i < v.length; i++) {
    asc = v.charCodeAt(i) === v.charCodeAt(i - 1) + 1 ? asc + 1 : 1;
    if (asc >= 6) return true;
  }
  if (v.length >= 16 && new Set(v).size < 6) return true;
  return false;
}

/** Letters and digits both present (random tokens almost always have both). */
export function hasLettersAndDigits(s: string): boolean {
  return /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

/** Upper- and lower-case letters both present at least `n` times (random mixed-case bodies). */
export function mixedCase(s: string, n = 3): boolean {
  let up = 0;
  let lo = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) up++;
    else if (c >= 97 && c <= 122) lo++;
  }
  return up >= n && lo >= n;
}

/** Decodes standard or URL-safe base64 (padding optional); undefined when the alphabet is wrong. */
export function decodeBase64(s: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return undefined;
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  return Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Share of bytes that are printable ASCII, tab or newline (UTF-8 multibyte counts as printable). */
export function printableRatio(b: Buffer, max = b.length): number {
  const n = Math.min(max, b.length);
  if (n === 0) return 0;
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13 || c >= 0xc2) ok++;
  }
  return ok / n;
}

/** A JWT: three base64url parts, the header decodes to a JSON object with `alg`. */
export function isJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = decodeBase64(parts[0]);
  if (!header) return false;
  try {
    const h = JSON.parse(header.toString('utf8')) as unknown;
    if (typeof h !== 'object' || h === null || typeof (h as { alg?: unknown }).alg !== 'string') return false;
    const payload = decodeBase64(parts[1]);
    return !!payload && payload.length > 0 && payload[0] === 0x7b /* { */;
  } catch {
    return false;
  }
}

/**
 * A PEM private key body: base64 that decodes to a DER SEQUENCE (0x30 followed by a length) or the
 * OpenSSH key magic. Literal `\n` escapes (keys pasted into JSON or .env) are accepted.
 */
export function pemBodyDecodes(pem: string): boolean {
  const m = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)-----END/.exec(pem);
  if (!m) return false;
  // Header lines such as `Proc-Type: 4,ENCRYPTED` precede the body in legacy encrypted PEM.
  const body = m[1].replace(/\\[nr]/g, '\n').replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
  if (body.length < 64 || /[^A-Za-z0-9+/=]/.test(body)) return false;
  const der = decodeBase64(body);
  if (!der || der.length < 32) return false;
  if (der.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0') return true;
  return der[0] === 0x30 && (der[1] === 0x82 || der[1] === 0x81 || (der[1] > 0 && der[1] < 0x80));
}
