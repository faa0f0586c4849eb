// Strings read from the input window. Short ones (names, dict keys, devices) repeat endlessly in
// checkpoints: a small direct-mapped cache, verified byte by byte on a hit, hands out the string
// already made instead of a new copy. Process-wide; it holds at most CACHE_SIZE strings of up to
// CACHED_MAX characters.
const CACHE_SIZE = 4096;
const CACHED_MAX = 12;
const cache: Array<string | undefined> = new Array<string | undefined>(CACHE_SIZE).fill(undefined);

/** Offset of the next newline at or after `p`, or -1. */
export function findNl(buf: Buffer, p: number): number {
  return buf.indexOf(10, p);
}

/** The bytes at `p` are the Latin-1 string `s`. */
export function bytesEqual(buf: Buffer, p: number, s: string): boolean {
  if (p + s.length > buf.length) return false;
  for (let i = 0; i < s.length; i++) if (buf[p + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** `n` bytes at `p` as a string (UTF-8 or Latin-1); short ASCII ones come from the cache. */
export function readStr(buf: Buffer, p: number, n: number, utf8: boolean): string {
  if (n === 0 || n > CACHED_MAX) return buf.toString(utf8 ? 'utf8' : 'latin1', p, p + n);
  if (utf8) {
    let high = 0;
    for (let i = p; i < p + n; i++) high |= buf[i];
    if (high >= 0x80) return buf.toString('utf8', p, p + n);
  }
  // A slot chosen by the length and three of the bytes, no hashing loop.
  const slot = (Math.imul(n, 0x9e3779b1) ^ Math.imul(buf[p], 0x2d) ^ Math.imul(buf[p + (n >> 1)], 0x3b1) ^ Math.imul(buf[p + n - 1], 0x6b5)) & (CACHE_SIZE - 1);
  const s = cache[slot];
  if (s !== undefined && s.length === n && bytesEqual(buf, p, s)) return s;
  const t = buf.toString('latin1', p, p + n);
  cache[slot] = t;
  return t;
}
