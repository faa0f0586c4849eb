// A zip reader built for hostile input and huge files: it reads the end-of-central-directory record
// and the central directory only (ZIP64 included), and opens a member's bytes on demand. It never
// trusts a declared size for allocation, and it records where the local headers disagree with the
// central directory (PyTorch's loader trusts the central directory; other tools trust local headers,
// and scanner evasions live in that gap).
import { ParseError, LimitExceededError } from '../../core/errors.js';
import type { ByteSource } from '../../core/types.js';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const MAX_EOCD_SEARCH = 22 + 0xffff;
const MAX_CENTRAL_DIRECTORY = 256 * 1024 * 1024;

export interface ZipMember {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  externalAttributes: number;
  encrypted: boolean;
  isDirectory: boolean;
  isSymlink: boolean;
}

export interface ZipArchive {
  members: ZipMember[];
  /** Members declared by the end record, which may exceed what was read under the cap. */
  declaredCount: number;
  /** Bytes before the first local header (self-extracting stubs, polyglots). */
  prefixBytes: number;
  comment: string;
  centralDirectoryOffset: number;
}

function decodeName(raw: Buffer, utf8: boolean): string {
  return utf8 ? raw.toString('utf8') : raw.toString('latin1');
}

async function findEndRecord(src: ByteSource): Promise<{ at: number; buf: Buffer; base: number }> {
  const len = Math.min(src.size, MAX_EOCD_SEARCH);
  const base = src.size - len;
  const buf = await src.read(base, len);
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      // The comment length must reach the end of the file (or not beyond it), else this was a false match.
      const commentLen = buf.readUInt16LE(i + 20);
      if (i + 22 + commentLen <= buf.length) return { at: i, buf, base };
    }
  }
  throw new ParseError('zip: no end-of-central-directory record (truncated or not a zip)');
}

export async function readZip(src: ByteSource, maxMembers: number): Promise<ZipArchive> {
  if (src.size < 22) throw new ParseError('zip: file too small to hold an end record');
  const { at, buf, base } = await findEndRecord(src);
  let count = buf.readUInt16LE(at + 10);
  let cdSize = buf.readUInt32LE(at + 12);
  let cdOffset = buf.readUInt32LE(at + 16);
  const comment = buf.toString('latin1', at + 22, at + 22 + buf.readUInt16LE(at + 20));
  const eocdPos = base + at;

  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && at >= 20 && buf.readUInt32LE(at - 20) === ZIP64_LOCATOR_SIG) {
    const z64pos = Number(buf.readBigUInt64LE(at - 20 + 8));
    const z = await src.read(z64pos, 56);
    if (z.length < 56 || z.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw new ParseError('zip: ZIP64 locator points at no ZIP64 end record', z64pos);
    count = Number(z.readBigUInt64LE(32));
    cdSize = Number(z.readBigUInt64LE(40));
    cdOffset = Number(z.readBigUInt64LE(48));
  }

  // A central directory that does not end where the end record starts means bytes were prepended
  // (self-extractors, polyglots) — offsets are then relative to where the directory really is.
  let prefixBytes = 0;
  const cdEndExpected = cdOffset + cdSize;
  if (cdEndExpected < eocdPos && count !== 0xffff) {
    const shift = eocdPos - cdEndExpected;
    const probe = await src.read(cdOffset + shift, 4);
    if (probe.length === 4 && probe.readUInt32LE(0) === CDH_SIG) prefixBytes = shift;
  }
  cdOffset += prefixBytes;
  if (cdOffset + cdSize > src.size) throw new ParseError('zip: central directory runs past the end of the file (truncated?)', cdOffset);
  if (cdSize > MAX_CENTRAL_DIRECTORY) throw new LimitExceededError(`zip: central directory of ${cdSize} bytes is over the cap`, 'centralDirectory');

  const cd = await src.read(cdOffset, cdSize);
  const members: ZipMember[] = [];
  let p = 0;
  while (p + 46 <= cd.length) {
    if (cd.readUInt32LE(p) !== CDH_SIG) {
      if (members.length < count) throw new ParseError(`zip: central directory entry ${members.length} is corrupt`, cdOffset + p);
      break;
    }
    if (members.length >= maxMembers) {
      // Past the cap, only count: the true number goes into the finding, nothing is allocated.
      let extra = 0;
      while (p + 46 <= cd.length && cd.readUInt32LE(p) === CDH_SIG) {
        extra++;
        p += 46 + cd.readUInt16LE(p + 28) + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
      }
      count = Math.max(count, members.length + extra);
      break;
    }
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc32 = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const versionMadeBy = cd.readUInt16LE(p + 4);
    const externalAttributes = cd.readUInt32LE(p + 38);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > cd.length) throw new ParseError('zip: central directory entry runs past the directory', cdOffset + p);
    const name = decodeName(cd.subarray(p + 46, nameEnd), (flags & 0x800) !== 0);
    // ZIP64 extended information: present fields are those whose 32-bit value is saturated.
    let e = nameEnd;
    const extraEnd = nameEnd + extraLen;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const size = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const end = Math.min(extraEnd, q + size);
        if (uncompressedSize === 0xffffffff && q + 8 <= end) (uncompressedSize = Number(cd.readBigUInt64LE(q))), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= end) (compressedSize = Number(cd.readBigUInt64LE(q))), (q += 8);
        if (localHeaderOffset === 0xffffffff && q + 8 <= end) localHeaderOffset = Number(cd.readBigUInt64LE(q));
      }
      e += 4 + size;
    }
    const unixMode = versionMadeBy >> 8 === 3 ? externalAttributes >>> 16 : 0;
    members.push({
      name,
      method,
      flags,
      crc32,
      compressedSize,
      uncompressedSize,
      localHeaderOffset: localHeaderOffset + prefixBytes,
      externalAttributes,
      encrypted: (flags & 1) !== 0,
      isDirectory: name.endsWith('/') || (unixMode & 0o170000) === 0o040000,
      isSymlink: (unixMode & 0o170000) === 0o120000,
    });
    p = extraEnd + commentLen;
  }
  return { members, declaredCount: Math.max(count, members.length), prefixBytes, comment, centralDirectoryOffset: cdOffset };
}

export interface BombSignals {
  declaredTotal: number;
  /** Members whose data starts at an offset another member already uses (overlapping-file bombs). */
  sharedOffsets: number;
}

/** Cheap zip-bomb evidence from the central directory alone, before anything is inflated. */
export function bombSignals(zip: ZipArchive): BombSignals {
  const offsets = new Set<number>();
  let sharedOffsets = 0;
  let declaredTotal = 0;
  for (const m of zip.members) {
    declaredTotal += m.uncompressedSize;
    if (m.isDirectory) continue;
    if (offsets.has(m.localHeaderOffset)) sharedOffsets++;
    offsets.add(m.localHeaderOffset);
  }
  return { declaredTotal, sharedOffsets };
}

export interface LocalHeader {
  dataOffset: number;
  name: string;
  method: number;
  compressedSize: number;
  /** How the local header disagrees with the central directory, if it does. */
  mismatches: string[];
  /** The local header's CRC-32 field (0 when a data descriptor carries it). */
  crc32: number;
  /** General-purpose flag bit 3: sizes and CRC follow the data. */
  hasDescriptor: boolean;
}

export async function readLocalHeader(src: ByteSource, m: ZipMember): Promise<LocalHeader> {
  const h = await src.read(m.localHeaderOffset, 30);
  if (h.length < 30 || h.readUInt32LE(0) !== LFH_SIG) throw new ParseError(`zip: member '${m.name}' has no local header at its offset`, m.localHeaderOffset);
  const nameLen = h.readUInt16LE(26);
  const extraLen = h.readUInt16LE(28);
  const nameBuf = await src.read(m.localHeaderOffset + 30, nameLen);
  const flags = h.readUInt16LE(6);
  const name = decodeName(nameBuf, (flags & 0x800) !== 0);
  const method = h.readUInt16LE(8);
  const compressedSize = h.readUInt32LE(18);
  const mismatches: string[] = [];
  if (name !== m.name) mismatches.push(`local name '${name}' differs from central name '${m.name}'`);
  if (method !== m.method) mismatches.push(`local method ${method} differs from central method ${m.method}`);
  const hasDescriptor = (flags & 0x8) !== 0;
  if (!hasDescriptor && compressedSize !== 0xffffffff && compressedSize !== m.compressedSize) {
    mismatches.push(`local compressed size ${compressedSize} differs from central ${m.compressedSize}`);
  }
  return { dataOffset: m.localHeaderOffset + 30 + nameLen + extraLen, name, method, compressedSize, mismatches, crc32: h.readUInt32LE(14), hasDescriptor };
}

/** Member names that would land outside the extraction folder (Zip Slip), if someone extracted it. */
export function isUnsafeArchivePath(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return true;
  return n.split('/').includes('..');
}
