// The 7z header, a tree of properties (7zFormat.txt): streams (pack info, folders with their
// coders and bind pairs, sub-streams of solid folders) and files (names, empty streams, empty
// files, anti-items, attributes). Every count is checked against the bytes left in the header
// before anything is sized from it, and counts of coders/streams per folder are small fixed caps,
// so a lying header costs at most its own length. No recursion: the structure is fixed-depth.
import { LimitExceededError, ParseError } from '../../core/errors.js';

export const P = {
  End: 0x00,
  Header: 0x01,
  ArchiveProperties: 0x02,
  AdditionalStreamsInfo: 0x03,
  MainStreamsInfo: 0x04,
  FilesInfo: 0x05,
  PackInfo: 0x06,
  UnpackInfo: 0x07,
  SubStreamsInfo: 0x08,
  Size: 0x09,
  CRC: 0x0a,
  Folder: 0x0b,
  CodersUnpackSize: 0x0c,
  NumUnpackStream: 0x0d,
  EmptyStream: 0x0e,
  EmptyFile: 0x0f,
  Anti: 0x10,
  Name: 0x11,
  WinAttributes: 0x15,
  EncodedHeader: 0x17,
  Dummy: 0x19,
} as const;

/** 7-Zip itself allows 64 coders and 64 streams per folder; real archives use 1 to 4. */
const MAX_CODERS = 32;
const MAX_CODER_STREAMS = 32;
const MAX_PROPS = 256;
/**
 * Files, folders, packed streams: each is an object in memory, so their count is capped well
 * below what a 16 MiB header could declare (real archives: tens of thousands at most).
 */
export const MAX_ITEMS = 200_000;

export interface Coder {
  /** Method id, lowercase hex. */
  id: string;
  numIn: number;
  numOut: number;
  props: Buffer;
}

export interface Folder {
  coders: Coder[];
  bindPairs: Array<{ inIndex: number; outIndex: number }>;
  /** Folder in-stream index of each packed stream, in pack order. */
  packedStreams: number[];
  /** One size per coder out-stream (all coders' outputs, in order). */
  unpackSizes: number[];
  crc?: number;
  /** Index of the first of this folder's packed streams in PackInfo. */
  firstPackStream: number;
}

export interface StreamsInfo {
  packPos: number;
  packSizes: number[];
  folders: Folder[];
  /** Per folder: number of files (sub-streams) it holds. */
  numUnpackStreams: number[];
  /** Sizes of every sub-stream, folder by folder. */
  subSizes: number[];
  subCrcs: Array<number | undefined>;
}

export interface FileItem {
  name: string;
  hasStream: boolean;
  isDir: boolean;
  isAnti: boolean;
  attributes?: number;
}

export interface Header {
  streams?: StreamsInfo;
  files: FileItem[];
}

export class Reader {
  pos = 0;
  constructor(readonly b: Buffer, readonly label: string) {}
  fail(why: string): never {
    throw new ParseError(`${this.label}: corrupt 7z header (${why})`);
  }
  get left(): number {
    return this.b.length - this.pos;
  }
  byte(): number {
    if (this.pos >= this.b.length) this.fail('ends early');
    return this.b[this.pos++];
  }
  bytes(n: number): Buffer {
    if (n > this.left) this.fail('ends early');
    const r = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
  u32(): number {
    return this.bytes(4).readUInt32LE(0);
  }
  /** 7z variable-length number: the leading one bits of the first byte count the extra bytes. */
  num(): number {
    const first = this.byte();
    let mask = 0x80;
    let value = 0;
    for (let i = 0; i < 8; i++) {
      if ((first & mask) === 0) {
        const high = first & (mask - 1);
        value += high * 2 ** (8 * i);
        if (value > Number.MAX_SAFE_INTEGER) this.fail('number out of range');
        return value;
      }
      value += this.byte() * 2 ** (8 * i);
      mask >>>= 1;
    }
    if (value > Number.MAX_SAFE_INTEGER) this.fail('number out of range');
    return value;
  }
  /** A count of items each taking at least `perItem` bytes of what is left: bounded by the header. */
  count(what: string, perItem = 1, max = Infinity): number {
    const n = this.num();
    if (n > max || n * perItem > this.left) this.fail(`${n} ${what} in a ${this.b.length}-byte header`);
    return n;
  }
  /** A count of objects kept in memory: also capped at MAX_ITEMS. */
  items(what: string, perItem = 1): number {
    const n = this.count(what, perItem);
    if (n > MAX_ITEMS) throw new LimitExceededError(`${this.label}: 7z header declares ${n} ${what}, more than the ${MAX_ITEMS} mlwarden reads`, 'maxArchiveMembers');
    return n;
  }
  bits(n: number): boolean[] {
    const bytes = this.bytes(Math.ceil(n / 8));
    const out: boolean[] = new Array<boolean>(n);
    for (let i = 0; i < n; i++) out[i] = (bytes[i >>> 3] & (0x80 >>> (i & 7))) !== 0;
    return out;
  }
  /** "All defined" byte, else a bit vector. */
  defined(n: number): boolean[] {
    const all = this.byte();
    if (all !== 0) return new Array<boolean>(n).fill(true);
    return this.bits(n);
  }
  expect(id: number, what: string): void {
    const got = this.byte();
    if (got !== id) this.fail(`expected ${what}, found property 0x${got.toString(16)}`);
  }
}

function digests(r: Reader, n: number): Array<number | undefined> {
  const def = r.defined(n);
  return def.map((d) => (d ? r.u32() : undefined));
}

function readPackInfo(r: Reader, s: StreamsInfo): void {
  s.packPos = r.num();
  const n = r.items('packed streams');
  for (;;) {
    const id = r.byte();
    if (id === P.End) break;
    if (id === P.Size) {
      s.packSizes = [];
      for (let i = 0; i < n; i++) s.packSizes.push(r.num());
    } else if (id === P.CRC) digests(r, n);
    else r.fail(`unexpected property 0x${id.toString(16)} in pack info`);
  }
  if (s.packSizes.length !== n) r.fail('pack sizes missing');
}

function readFolder(r: Reader, firstPackStream: number): Folder {
  const numCoders = r.count('coders', 1, MAX_CODERS);
  if (numCoders === 0) r.fail('folder without coders');
  const coders: Coder[] = [];
  let totalIn = 0;
  let totalOut = 0;
  for (let i = 0; i < numCoders; i++) {
    const flag = r.byte();
    if (flag & 0x80) r.fail('alternative coder methods are not supported');
    const id = r.bytes(flag & 0x0f).toString('hex');
    let numIn = 1;
    let numOut = 1;
    if (flag & 0x10) {
      numIn = r.count('coder in-streams', 0, MAX_CODER_STREAMS);
      numOut = r.count('coder out-streams', 0, MAX_CODER_STREAMS);
    }
    let props = Buffer.alloc(0);
    if (flag & 0x20) props = Buffer.from(r.bytes(r.count('property bytes', 1, MAX_PROPS)));
    coders.push({ id, numIn, numOut, props });
    totalIn += numIn;
    totalOut += numOut;
  }
  if (totalOut === 0) r.fail('folder without output');
  const bindPairs: Folder['bindPairs'] = [];
  for (let i = 0; i < totalOut - 1; i++) {
    const inIndex = r.num();
    const outIndex = r.num();
    if (inIndex >= totalIn || outIndex >= totalOut) r.fail('bind pair out of range');
    bindPairs.push({ inIndex, outIndex });
  }
  if (totalIn < bindPairs.length) r.fail('more bind pairs than streams');
  const numPacked = totalIn - bindPairs.length;
  const packedStreams: number[] = [];
  if (numPacked === 1) {
    for (let i = 0; i < totalIn; i++) {
      if (!bindPairs.some((b) => b.inIndex === i)) {
        packedStreams.push(i);
        break;
      }
    }
    if (packedStreams.length === 0) r.fail('no packed stream');
  } else {
    for (let i = 0; i < numPacked; i++) {
      const v = r.num();
      if (v >= totalIn) r.fail('packed stream index out of range');
      packedStreams.push(v);
    }
  }
  return { coders, bindPairs, packedStreams, unpackSizes: [], firstPackStream };
}

function readUnpackInfo(r: Reader, s: StreamsInfo): void {
  r.expect(P.Folder, 'folders');
  const n = r.items('folders', 2);
  if (r.byte() !== 0) r.fail('external folders are not supported');
  let pack = 0;
  for (let i = 0; i < n; i++) {
    const f = readFolder(r, pack);
    pack += f.packedStreams.length;
    s.folders.push(f);
  }
  r.expect(P.CodersUnpackSize, 'coder unpack sizes');
  for (const f of s.folders) {
    const outs = f.coders.reduce((a, c) => a + c.numOut, 0);
    for (let i = 0; i < outs; i++) f.unpackSizes.push(r.num());
  }
  for (;;) {
    const id = r.byte();
    if (id === P.End) break;
    if (id === P.CRC) {
      const d = digests(r, n);
      s.folders.forEach((f, i) => (f.crc = d[i]));
    } else r.fail(`unexpected property 0x${id.toString(16)} in unpack info`);
  }
}

/** The out-stream that no bind pair consumes: the folder's output. */
export function mainOutStream(f: Folder): number {
  const total = f.unpackSizes.length;
  for (let i = 0; i < total; i++) if (!f.bindPairs.some((b) => b.outIndex === i)) return i;
  return -1;
}

export function folderSize(f: Folder): number {
  const m = mainOutStream(f);
  return m < 0 ? 0 : f.unpackSizes[m];
}

function readSubStreams(r: Reader, s: StreamsInfo): void {
  s.numUnpackStreams = s.folders.map(() => 1);
  let id = r.byte();
  if (id === P.NumUnpackStream) {
    s.numUnpackStreams = s.folders.map(() => r.items('files in a folder'));
    if (s.numUnpackStreams.reduce((a, b) => a + b, 0) > MAX_ITEMS) throw new LimitExceededError(`${r.label}: 7z header declares more than ${MAX_ITEMS} files`, 'maxArchiveMembers');
    id = r.byte();
  }
  const hasSizes = id === P.Size;
  s.subSizes = [];
  s.folders.forEach((f, i) => {
    const n = s.numUnpackStreams[i];
    if (n === 0) return;
    let sum = 0;
    if (hasSizes) {
      for (let k = 0; k < n - 1; k++) {
        const v = r.num();
        s.subSizes.push(v);
        sum += v;
      }
    } else if (n > 1) r.fail('sizes of a solid folder missing');
    const total = folderSize(f);
    if (sum > total) r.fail('files are larger than their folder');
    s.subSizes.push(total - sum);
  });
  if (hasSizes) id = r.byte();
  // CRCs: one per stream whose CRC the folder does not already give.
  s.subCrcs = [];
  let unknown = 0;
  s.folders.forEach((f, i) => {
    const n = s.numUnpackStreams[i];
    if (n !== 1 || f.crc === undefined) unknown += n;
  });
  let listed: Array<number | undefined> = [];
  for (;;) {
    if (id === P.End) break;
    if (id === P.CRC) listed = digests(r, unknown);
    else r.fail(`unexpected property 0x${id.toString(16)} in sub-streams info`);
    id = r.byte();
  }
  let k = 0;
  s.folders.forEach((f, i) => {
    const n = s.numUnpackStreams[i];
    if (n === 1 && f.crc !== undefined) s.subCrcs.push(f.crc);
    else for (let j = 0; j < n; j++) s.subCrcs.push(listed[k++]);
  });
}

export function readStreamsInfo(r: Reader): StreamsInfo {
  const s: StreamsInfo = { packPos: 0, packSizes: [], folders: [], numUnpackStreams: [], subSizes: [], subCrcs: [] };
  let sawSub = false;
  for (;;) {
    const id = r.byte();
    if (id === P.End) break;
    if (id === P.PackInfo) readPackInfo(r, s);
    else if (id === P.UnpackInfo) readUnpackInfo(r, s);
    else if (id === P.SubStreamsInfo) {
      readSubStreams(r, s);
      sawSub = true;
    } else r.fail(`unexpected property 0x${id.toString(16)} in streams info`);
  }
  if (!sawSub) {
    s.numUnpackStreams = s.folders.map(() => 1);
    s.subSizes = s.folders.map(folderSize);
    s.subCrcs = s.folders.map((f) => f.crc);
  }
  const packNeeded = s.folders.reduce((a, f) => a + f.packedStreams.length, 0);
  if (packNeeded > s.packSizes.length) r.fail('folders use more packed streams than there are');
  return s;
}

const MAX_NAME_CHARS = 32 * 1024;

function readNames(r: Reader, size: number, n: number): string[] {
  const end = r.pos + size;
  if (r.byte() !== 0) r.fail('external file names are not supported');
  const names: string[] = [];
  let start = r.pos;
  for (let p = r.pos; p + 1 < end && names.length < n; p += 2) {
    if (r.b[p] === 0 && r.b[p + 1] === 0) {
      if ((p - start) / 2 > MAX_NAME_CHARS) r.fail('file name too long');
      names.push(r.b.toString('utf16le', start, p));
      start = p + 2;
    }
  }
  if (names.length !== n) r.fail('file names missing');
  r.pos = end;
  return names;
}

function readFiles(r: Reader, numStreams: number): FileItem[] {
  const n = r.items('files');
  let emptyStream: boolean[] = new Array<boolean>(n).fill(false);
  let emptyFile: boolean[] = [];
  let anti: boolean[] = [];
  let names: string[] = [];
  let attrs: Array<number | undefined> = [];
  let empties = 0;
  for (;;) {
    const type = r.num();
    if (type === P.End) break;
    const size = r.num();
    if (size > r.left) r.fail('file property runs past the header');
    const end = r.pos + size;
    switch (type) {
      case P.EmptyStream:
        emptyStream = r.bits(n);
        empties = emptyStream.filter(Boolean).length;
        emptyFile = new Array<boolean>(empties).fill(false);
        anti = new Array<boolean>(empties).fill(false);
        break;
      case P.EmptyFile:
        emptyFile = r.bits(empties);
        break;
      case P.Anti:
        anti = r.bits(empties);
        break;
      case P.Name:
        names = readNames(r, size, n);
        break;
      case P.WinAttributes: {
        const def = r.defined(n);
        if (r.byte() !== 0) r.fail('external attributes are not supported');
        attrs = def.map((d) => (d ? r.u32() : undefined));
        break;
      }
      default:
        // Times, start positions, padding (kDummy) and future properties: skipped by size.
        break;
    }
    if (r.pos > end) r.fail(`file property 0x${type.toString(16)} is longer than declared`);
    r.pos = end;
  }
  const files: FileItem[] = [];
  let e = 0;
  let streams = 0;
  for (let i = 0; i < n; i++) {
    const hasStream = !emptyStream[i];
    const attributes = attrs[i];
    let isDir = false;
    let isAnti = false;
    if (!hasStream) {
      isDir = !emptyFile[e];
      isAnti = !!anti[e];
      e++;
    } else streams++;
    if (attributes !== undefined && attributes & 0x10) isDir = isDir || !hasStream;
    files.push({ name: names[i] ?? `file${i}`, hasStream, isDir, isAnti, ...(attributes !== undefined ? { attributes } : {}) });
  }
  if (streams !== numStreams) r.fail(`${streams} files with data but ${numStreams} streams`);
  return files;
}

/** Parses a plain (kHeader) header; `r` is positioned after the kHeader byte. */
export function readHeader(r: Reader): Header {
  const h: Header = { files: [] };
  for (;;) {
    const id = r.byte();
    if (id === P.End) break;
    if (id === P.ArchiveProperties) {
      for (;;) {
        const t = r.byte();
        if (t === 0) break;
        r.bytes(r.count('archive property bytes'));
      }
    } else if (id === P.AdditionalStreamsInfo) readStreamsInfo(r);
    else if (id === P.MainStreamsInfo) h.streams = readStreamsInfo(r);
    else if (id === P.FilesInfo) h.files = readFiles(r, h.streams ? h.streams.subSizes.length : 0);
    else r.fail(`unexpected property 0x${id.toString(16)} in header`);
  }
  if (h.files.length === 0 && h.streams && h.streams.subSizes.length > 0) {
    // No file list: streams are still data (7-Zip names them by number).
    h.files = h.streams.subSizes.map((_, i) => ({ name: `stream${i}`, hasStream: true, isDir: false, isAnti: false }));
  }
  return h;
}
