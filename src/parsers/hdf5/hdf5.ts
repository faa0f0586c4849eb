// A minimal HDF5 reader for what a verdict on a Keras .h5 model needs: the root group's attributes
// (`model_config`, `keras_version`, `backend`, `training_config`). It follows the HDF5 File Format
// Specification 3.0: superblock versions 0-3, object headers v1 and v2 with continuation blocks,
// attribute messages v1-v3, fixed-length and variable-length strings (global heap). It reads a few
// KiB of metadata, never datasets, so a multi-GiB weights file costs the same as a tiny one; h5wasm
// would have to copy the whole file into WASM memory first. Dense attribute storage (fractal heap,
// used only with libver="latest" or huge attribute counts) is not decoded: it is reported, never
// silently skipped.
import { ParseError } from '../../core/errors.js';
import type { ByteSource, Entry, Parser } from '../../core/types.js';

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Caps: real root headers are a few KiB; model_config is at most 64 KiB in compact storage. */
const MAX_HEADER_CHUNK = 16 * 1024 * 1024;
const MAX_CHUNKS = 256;
const MAX_ATTRIBUTE_VALUE = 64 * 1024 * 1024;

export interface Hdf5Attribute {
  name: string;
  /** Decoded string value(s); non-string attributes are listed with their class only. */
  strings?: string[];
  datatypeClass: number;
}

export interface Hdf5Model {
  superblockVersion: number;
  rootAttributes: Map<string, Hdf5Attribute>;
  /** Attributes exist that this reader could not decode (dense storage, shared messages...). */
  unread: string[];
}

class Bytes {
  constructor(
    readonly b: Buffer,
    readonly o: number,
    readonly l: number,
  ) {}
  u(at: number, n: number): number {
    if (at + n > this.b.length) throw new ParseError(`hdf5: field at ${at} runs past its block`);
    if (n === 1) return this.b[at];
    if (n === 2) return this.b.readUInt16LE(at);
    if (n === 4) return this.b.readUInt32LE(at);
    if (n === 8) {
      const v = this.b.readBigUInt64LE(at);
      return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
    }
    throw new ParseError(`hdf5: unsupported field size ${n}`);
  }
}

function undefinedAddress(v: number): boolean {
  return v === Infinity;
}

async function readExact(src: ByteSource, at: number, n: number, what: string): Promise<Buffer> {
  if (!Number.isFinite(at) || at < 0 || n < 0 || at + n > src.size) throw new ParseError(`hdf5: ${what} at ${at} (+${n}) lies outside the ${src.size}-byte file`);
  const b = await src.read(at, n);
  if (b.length < n) throw new ParseError(`hdf5: ${what} is truncated`);
  return b;
}

export const hdf5Parser: Parser<Hdf5Model> = {
  id: 'hdf5',
  accepts: (entry: Entry) => entry.type.kind === 'hdf5',
  async parse(entry, ctx) {
    const src = entry.source;
    const sb = await readExact(src, 0, Math.min(src.size, 256), 'superblock');
    if (!sb.subarray(0, 8).equals(SIGNATURE)) throw new ParseError('hdf5: no signature at offset 0');
    const version = sb[8];
    let O: number;
    let L: number;
    let base: number;
    let rootAddr: number;
    const S = new Bytes(sb, 0, 0);
    if (version === 0 || version === 1) {
      O = sb[13];
      L = sb[14];
      if (![2, 4, 8].includes(O) || ![2, 4, 8].includes(L)) throw new ParseError(`hdf5: offset size ${O} / length size ${L} not supported`);
      const addrs = version === 0 ? 24 : 28;
      base = S.u(addrs, O);
      // base, free-space, end-of-file, driver info; then the root symbol table entry (link name offset, header address).
      rootAddr = S.u(addrs + 4 * O + O, O);
    } else if (version === 2 || version === 3) {
      O = sb[9];
      L = sb[10];
      if (![2, 4, 8].includes(O) || ![2, 4, 8].includes(L)) throw new ParseError(`hdf5: offset size ${O} / length size ${L} not supported`);
      base = S.u(12, O);
      rootAddr = S.u(12 + 3 * O, O);
    } else throw new ParseError(`hdf5: superblock version ${version} not supported`);
    if (!Number.isFinite(base)) throw new ParseError('hdf5: base address is undefined');
    const model: Hdf5Model = { superblockVersion: version, rootAttributes: new Map(), unread: [] };
    const messages = await readObjectHeader(src, base + rootAddr, O, L, base);
    for (const m of messages) {
      ctx.checkTime();
      if (m.shared) {
        if (m.type === 0x0c) model.unread.push('a shared attribute message');
        continue;
      }
      if (m.type === 0x0c) {
        const attr = await decodeAttribute(src, m.data, O, L, base);
        if (attr) model.rootAttributes.set(attr.name, attr);
      } else if (m.type === 0x15) {
        // Attribute Info: a defined fractal heap address means attributes live in dense storage.
        const d = new Bytes(m.data, 0, 0);
        const flags = m.data[1];
        const heap = d.u(2 + (flags & 1 ? 2 : 0), O);
        if (!undefinedAddress(heap)) model.unread.push('attributes in dense storage (fractal heap)');
      }
    }
    return model;
  },
};

interface Message {
  type: number;
  data: Buffer;
  shared: boolean;
}

async function readObjectHeader(src: ByteSource, addr: number, O: number, L: number, base: number): Promise<Message[]> {
  const out: Message[] = [];
  const head = await readExact(src, addr, Math.min(16, src.size - addr), 'object header');
  const chunks: Array<{ at: number; len: number; v2: boolean; first: boolean }> = [];
  let v2 = false;
  let creationOrder = false;
  if (head.toString('latin1', 0, 4) === 'OHDR') {
    v2 = true;
    const flags = head[5];
    creationOrder = (flags & 0x04) !== 0;
    let p = 6 + (flags & 0x20 ? 16 : 0) + (flags & 0x10 ? 4 : 0);
    const sizeBytes = 1 << (flags & 3);
    const pre = await readExact(src, addr, p + sizeBytes, 'object header prefix');
    const len = new Bytes(pre, 0, 0).u(p, sizeBytes);
    p += sizeBytes;
    chunks.push({ at: addr + p, len, v2: true, first: true });
  } else {
    if (head[0] !== 1) throw new ParseError(`hdf5: object header version ${head[0]} not supported`);
    const len = head.readUInt32LE(8);
    chunks.push({ at: addr + 16, len, v2: false, first: true });
  }
  for (let i = 0; i < chunks.length; i++) {
    if (i >= MAX_CHUNKS) throw new ParseError(`hdf5: more than ${MAX_CHUNKS} object header continuation blocks`);
    const c = chunks[i];
    if (c.len > MAX_HEADER_CHUNK) throw new ParseError(`hdf5: object header block of ${c.len} bytes is over the ${MAX_HEADER_CHUNK}-byte cap`);
    let buf = await readExact(src, c.at, c.len, 'object header block');
    let p = 0;
    let end = buf.length;
    if (c.v2) {
      if (!c.first) {
        if (buf.toString('latin1', 0, 4) !== 'OCHK') throw new ParseError('hdf5: continuation block without OCHK signature');
        p = 4;
        end -= 4; // checksum (chunk #0's length already excludes it)
      }
    }
    const B = new Bytes(buf, 0, 0);
    while (p < end) {
      let type: number;
      let size: number;
      let flags: number;
      if (v2) {
        if (end - p < 4) break; // gap
        type = buf[p];
        size = B.u(p + 1, 2);
        flags = buf[p + 3];
        p += 4 + (creationOrder ? 2 : 0);
      } else {
        if (end - p < 8) break;
        type = B.u(p, 2);
        size = B.u(p + 2, 2);
        flags = buf[p + 4];
        p += 8;
      }
      if (p + size > end) throw new ParseError('hdf5: header message runs past its block');
      const data = buf.subarray(p, p + size);
      p += size;
      if (type === 0x10) {
        const d = new Bytes(data, 0, 0);
        const at = d.u(0, O);
        const len = d.u(O, L);
        if (!Number.isFinite(at) || !Number.isFinite(len)) throw new ParseError('hdf5: continuation address undefined');
        chunks.push({ at: base + at, len, v2, first: false });
        continue;
      }
      if (type === 0x0c || type === 0x15) out.push({ type, data: Buffer.from(data), shared: (flags & 0x02) !== 0 });
    }
    buf = Buffer.alloc(0);
  }
  return out;
}

/** Attribute message v1-v3 -> name and string values (fixed-length or variable-length strings). */
async function decodeAttribute(src: ByteSource, d: Buffer, O: number, L: number, base: number): Promise<Hdf5Attribute | undefined> {
  const B = new Bytes(d, 0, 0);
  const version = d[0];
  const flags = d[1];
  const nameSize = B.u(2, 2);
  const dtSize = B.u(4, 2);
  const dsSize = B.u(6, 2);
  let p = version === 3 ? 9 : 8;
  const pad = (n: number) => (version === 1 ? Math.ceil(n / 8) * 8 : n);
  if (version < 1 || version > 3) throw new ParseError(`hdf5: attribute message version ${version} not supported`);
  if (flags & 0x03) return undefined; // shared datatype or dataspace: not needed for Keras attributes
  const name = d.toString('utf8', p, p + nameSize).replace(/\0+$/, '');
  p += pad(nameSize);
  const dt = d.subarray(p, p + dtSize);
  p += pad(dtSize);
  const ds = d.subarray(p, p + dsSize);
  p += pad(dsSize);
  const dtClass = dt[0] & 0x0f;
  const elemSize = new Bytes(dt, 0, 0).u(4, 4);
  const count = elements(ds, L);
  const attr: Hdf5Attribute = { name, datatypeClass: dtClass };
  const data = d.subarray(p);
  if (dtClass === 3) {
    // Fixed-length string: `count` strings of elemSize bytes, NUL/space padded.
    attr.strings = [];
    for (let i = 0; i < Math.min(count, 1024); i++) {
      const s = data.subarray(i * elemSize, (i + 1) * elemSize);
      if (s.length === 0) break;
      attr.strings.push(s.toString('utf8').replace(/\0[\s\S]*$/, ''));
    }
  } else if (dtClass === 9 && (dt[1] & 0x0f) === 1) {
    // Variable-length string: each element is (length u32, global heap collection address, object index u32).
    attr.strings = [];
    const item = 4 + O + 4;
    for (let i = 0; i < Math.min(count, 1024); i++) {
      if ((i + 1) * item > data.length) break;
      const e = new Bytes(data, 0, 0);
      const len = e.u(i * item, 4);
      const coll = e.u(i * item + 4, O);
      const index = e.u(i * item + 4 + O, 4);
      if (len > MAX_ATTRIBUTE_VALUE) throw new ParseError(`hdf5: attribute '${name}' string of ${len} bytes is over the cap`);
      attr.strings.push(await globalHeapObject(src, base + coll, index, L, len));
    }
  }
  return attr;
}

function elements(ds: Buffer, L: number): number {
  if (ds.length < 2) return 1;
  const version = ds[0];
  const rank = ds[1];
  if (version === 2 && ds[3] === 0) return 1; // scalar
  if (version === 2 && ds[3] === 2) return 0; // null
  const start = version === 1 ? 8 : 4;
  let n = 1;
  const B = new Bytes(ds, 0, 0);
  for (let i = 0; i < rank; i++) n *= B.u(start + i * L, L);
  return rank === 0 ? 1 : n;
}

async function globalHeapObject(src: ByteSource, addr: number, index: number, L: number, len: number): Promise<string> {
  const head = await readExact(src, addr, 8 + L, 'global heap');
  if (head.toString('latin1', 0, 4) !== 'GCOL') throw new ParseError('hdf5: global heap collection without GCOL signature');
  const size = new Bytes(head, 0, 0).u(8, L);
  if (size > MAX_ATTRIBUTE_VALUE + 4096) throw new ParseError(`hdf5: global heap collection of ${size} bytes is over the cap`);
  const coll = await readExact(src, addr, size, 'global heap collection');
  const B = new Bytes(coll, 0, 0);
  let p = 8 + L;
  while (p + 8 + L <= coll.length) {
    const idx = B.u(p, 2);
    const objSize = B.u(p + 8, L);
    const dataAt = p + 8 + L;
    if (idx === 0) break; // free space: the rest of the collection is unused
    if (idx === index) return coll.toString('utf8', dataAt, dataAt + Math.min(objSize, len));
    p = dataAt + Math.ceil(objSize / 8) * 8;
  }
  throw new ParseError(`hdf5: global heap object ${index} not found`);
}
