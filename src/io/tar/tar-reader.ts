// A tar reader over a byte source: ustar, GNU long names, pax headers and base-256 sizes.
// It reads 512-byte headers and skips member data by offset, so on a file on disk it touches only
// the headers. Checksums are verified; a bad one ends the walk with a ParseError (truncation or
// corruption), after the members already yielded.
import { ParseError } from '../../core/errors.js';
import type { ByteSource } from '../../core/types.js';

export type TarMemberType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarMember {
  name: string;
  type: TarMemberType;
  size: number;
  dataOffset: number;
  linkName: string;
  mode: number;
}

const BLOCK = 512;

function cstr(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const z = s.indexOf(0);
  return (z === -1 ? s : s.subarray(0, z)).toString('utf8');
}

function octal(b: Buffer, start: number, len: number): number {
  if (b[start] & 0x80) {
    // GNU base-256 for values that do not fit in octal.
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + b[i];
    return v;
  }
  const s = cstr(b, start, len).trim();
  if (s === '') return 0;
  const v = parseInt(s, 8);
  if (!Number.isFinite(v)) throw new ParseError(`tar: bad numeric field '${s}'`);
  return v;
}

function checksumOk(h: Buffer): boolean {
  const stored = octal(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === stored;
}

function parsePax(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  let p = 0;
  while (p < body.length) {
    const sp = body.indexOf(' ', p);
    if (sp === -1) break;
    const len = parseInt(body.slice(p, sp), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = body.slice(sp + 1, p + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    p += len;
  }
  return out;
}

const MAX_META = 1024 * 1024;

export async function* readTar(src: ByteSource): AsyncGenerator<TarMember> {
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let zeroBlocks = 0;
  for (;;) {
    const h = await src.read(off, BLOCK);
    if (h.length === 0 && off > 0) return; // ended without the two zero blocks: tolerated, like GNU tar
    if (h.length < BLOCK) throw new ParseError(`tar: truncated header at offset ${off}`, off);
    if (h.every((b) => b === 0)) {
      if (++zeroBlocks >= 2) return;
      off += BLOCK;
      continue;
    }
    zeroBlocks = 0;
    if (!checksumOk(h)) throw new ParseError(`tar: header checksum mismatch at offset ${off} (corrupt or truncated)`, off);
    const typeflag = String.fromCharCode(h[156] || 0x30);
    const size = octal(h, 124, 12);
    const dataOffset = off + BLOCK;
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x' || typeflag === 'g') {
      if (size > MAX_META) throw new ParseError(`tar: ${size}-byte metadata header at offset ${off}`, off);
      const body = await src.read(dataOffset, size);
      if (body.length < size) throw new ParseError(`tar: truncated metadata at offset ${off}`, off);
      if (typeflag === 'L') longName = cstr(body, 0, size);
      else if (typeflag === 'K') longLink = cstr(body, 0, size);
      else if (typeflag === 'x') pax = { ...pax, ...parsePax(body.toString('utf8')) };
      off = next;
      continue;
    }
    const prefix = h.toString('latin1', 257, 262) === 'ustar' ? cstr(h, 345, 155) : '';
    let name = longName ?? pax.path ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    const linkName = longLink ?? pax.linkpath ?? cstr(h, 157, 100);
    const realSize = pax.size !== undefined ? Number(pax.size) : size;
    // A negative or non-numeric size would move the reader backwards (back onto this header).
    if (!Number.isSafeInteger(realSize) || realSize < 0) throw new ParseError(`tar: bad pax size '${pax.size?.slice(0, 40)}' at offset ${off}`, off);
    longName = longLink = undefined;
    pax = {};
    if (name.startsWith('./')) name = name.slice(2);
    const type: TarMemberType =
      typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file'
      : typeflag === '5' ? 'dir'
      : typeflag === '2' ? 'symlink'
      : typeflag === '1' ? 'hardlink'
      : 'other';
    yield { name, type, size: type === 'file' ? realSize : 0, dataOffset, linkName, mode: octal(h, 100, 8) };
    off = typeflag === '0' || typeflag === '\0' || typeflag === '7' ? dataOffset + Math.ceil(realSize / BLOCK) * BLOCK : next;
    if (src.size !== undefined && off > src.size && type === 'file') throw new ParseError(`tar: member '${name}' runs past the end of the archive (truncated)`, off);
  }
}
