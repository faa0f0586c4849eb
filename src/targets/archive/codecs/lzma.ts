// LZMA, LZMA2 and the .xz / .lzma ("alone") containers, decoded in TypeScript (a port of the
// public-domain LZMA specification decoder, LzmaSpec.cpp, plus the xz file format 1.x framing).
// Pull-based: output is yielded in chunks as the consumer asks for it, so sniffing a 1 GiB .xz
// decodes only its first megabyte, and the caller's caps stop a bomb after the chunk that crosses
// them. Nothing is allocated from a declared size: the dictionary window grows with the output
// actually produced (up to the declared dictionary size, at most MAX_WINDOW), and declared uncompressed sizes only
// bound the output, never size a buffer.
//
// Why not an npm package: xz-decompress (xz-embedded in WASM) serialises every stream through one
// process-wide lock that is released only when a stream is read to its end or cancelled (a
// scanner that sniffs a member and moves on would stall the next .xz), and it has no .lzma
// ("alone") format, which joblib writes for compress='lzma'. The JS LZMA ports decode whole
// buffers at once with no output bound.
import { LimitExceededError, ParseError } from '../../../core/errors.js';
import { PullInput } from './input.js';
import { applyFilter, branchFilter, DeltaFilter, type BranchFilter, type ChunkFilter } from './filters.js';

const OUT_CHUNK = 1024 * 1024;
/** Input bytes buffered before each decoding step: one symbol never needs more than ~60. */
const LOOKAHEAD = 256;

const K_NUM_STATES = 12;
const K_MATCH_MIN_LEN = 2;
const K_END_POS_MODEL_INDEX = 14;
const K_NUM_FULL_DISTANCES = 1 << (K_END_POS_MODEL_INDEX >>> 1);
const K_NUM_ALIGN_BITS = 4;
const K_NUM_LEN_TO_POS_STATES = 4;
const PROB_INIT = 1024;

/**
 * The most history a decoder keeps (xz's largest preset, -9, uses a 64 MiB dictionary). A header
 * may declare up to 4 GiB: a stream that really reaches further back is a limit finding, never a
 * window sized from the header.
 */
export const MAX_WINDOW = 64 * 1024 * 1024;

/** Exported for tests. */
export class Window {
  buf = new Uint8Array(64 * 1024);
  pos = 0;
  full = false;
  /** Bytes since the last dictionary reset (LZMA2) or since the start (LZMA). */
  total = 0;
  /** Start of the bytes not yet handed out. */
  flushed = 0;
  out: Buffer[] = [];
  pending = 0;
  constructor(readonly cap: number) {
    if (cap < this.buf.length) this.buf = new Uint8Array(cap);
  }

  reset(): void {
    this.flush();
    this.pos = 0;
    this.flushed = 0;
    this.full = false;
    this.total = 0;
  }

  flush(): void {
    if (this.pos > this.flushed) {
      const c = Buffer.from(this.buf.subarray(this.flushed, this.pos));
      this.out.push(c);
      this.pending += c.length;
    }
    this.flushed = this.pos;
  }

  put(b: number): void {
    this.buf[this.pos++] = b;
    this.total++;
    if (this.pos === this.buf.length) this.wrapOrGrow();
  }

  /** Appends bytes (LZMA2 stored chunks) with bulk copies; same effect as put() per byte. */
  putBytes(src: Uint8Array): void {
    let off = 0;
    while (off < src.length) {
      const n = Math.min(this.buf.length - this.pos, src.length - off);
      this.buf.set(src.subarray(off, off + n), this.pos);
      this.pos += n;
      this.total += n;
      off += n;
      if (this.pos === this.buf.length) this.wrapOrGrow();
    }
  }

  private wrapOrGrow(): void {
    if (this.buf.length < this.cap) {
      // Doubling (copies stay linear in the output); the cap is at most MAX_WINDOW.
      const next = new Uint8Array(Math.min(this.cap, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
      return;
    }
    this.flush();
    this.pos = 0;
    this.flushed = 0;
    this.full = true;
  }

  /** Byte `dist` positions back (1 = the last byte). */
  get(dist: number): number {
    return this.buf[dist <= this.pos ? this.pos - dist : this.buf.length - dist + this.pos];
  }

  has(dist: number): boolean {
    return dist <= this.pos || (this.full && dist <= this.buf.length);
  }

  isEmpty(): boolean {
    return this.pos === 0 && !this.full;
  }

  take(): Buffer[] {
    const o = this.out;
    this.out = [];
    this.pending = 0;
    return o;
  }
}

class RangeDecoder {
  range = 0xffffffff;
  code = 0;
  constructor(private readonly inp: PullInput) {}

  init(): void {
    this.range = 0xffffffff;
    this.code = 0;
    if (this.inp.byte() !== 0) throw new ParseError(`${this.inp.label}: corrupt LZMA data (range coder start)`);
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + this.inp.byte();
    if (this.code === this.range) throw new ParseError(`${this.inp.label}: corrupt LZMA data (range coder start)`);
  }

  finishedOk(): boolean {
    return this.code === 0;
  }

  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range *= 256;
      this.code = this.code * 256 + this.inp.byte();
    }
  }

  direct(numBits: number): number {
    let res = 0;
    do {
      this.range = this.range >>> 1;
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      this.normalize();
      res = res * 2 + bit;
    } while (--numBits);
    return res;
  }

  bit(probs: Uint16Array, i: number): number {
    const v = probs[i];
    const bound = (this.range >>> 11) * v;
    let symbol: number;
    if (this.code < bound) {
      probs[i] = v + ((2048 - v) >>> 5);
      this.range = bound;
      symbol = 0;
    } else {
      probs[i] = v - (v >>> 5);
      this.code -= bound;
      this.range -= bound;
      symbol = 1;
    }
    this.normalize();
    return symbol;
  }

  tree(probs: Uint16Array, offset: number, numBits: number): number {
    let m = 1;
    for (let i = 0; i < numBits; i++) m = (m << 1) + this.bit(probs, offset + m);
    return m - (1 << numBits);
  }

  reverse(probs: Uint16Array, offset: number, numBits: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < numBits; i++) {
      const b = this.bit(probs, offset + m);
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  }
}

class LenDecoder {
  probs = new Uint16Array(2 + 16 * 8 + 16 * 8 + 256);
  reset(): void {
    this.probs.fill(PROB_INIT);
  }
  decode(rc: RangeDecoder, posState: number): number {
    const p = this.probs;
    if (rc.bit(p, 0) === 0) return rc.tree(p, 2 + posState * 8, 3);
    if (rc.bit(p, 1) === 0) return 8 + rc.tree(p, 2 + 128 + posState * 8, 3);
    return 16 + rc.tree(p, 2 + 256, 8);
  }
}

/** The LZMA symbol decoder: probabilities, state and reps, over a Window. */
export class LzmaCore {
  lc = 3;
  lp = 0;
  pb = 2;
  literal = new Uint16Array(0x300 << 3);
  posSlot = new Uint16Array(K_NUM_LEN_TO_POS_STATES << 6);
  posDecoders = new Uint16Array(1 + K_NUM_FULL_DISTANCES - K_END_POS_MODEL_INDEX);
  align = new Uint16Array(1 << K_NUM_ALIGN_BITS);
  isMatch = new Uint16Array(K_NUM_STATES << 4);
  isRep = new Uint16Array(K_NUM_STATES);
  isRepG0 = new Uint16Array(K_NUM_STATES);
  isRepG1 = new Uint16Array(K_NUM_STATES);
  isRepG2 = new Uint16Array(K_NUM_STATES);
  isRep0Long = new Uint16Array(K_NUM_STATES << 4);
  len = new LenDecoder();
  repLen = new LenDecoder();
  state = 0;
  rep0 = 0;
  rep1 = 0;
  rep2 = 0;
  rep3 = 0;
  /** A match that did not fit in the current chunk (LZMA2) or call: bytes still to copy. */
  pendingLen = 0;
  readonly rc: RangeDecoder;

  constructor(readonly inp: PullInput, readonly win: Window, readonly dictSize: number) {
    this.rc = new RangeDecoder(inp);
  }

  setProps(d: number): void {
    if (d >= 9 * 5 * 5) throw new ParseError(`${this.inp.label}: invalid LZMA properties byte ${d}`);
    this.lc = d % 9;
    d = (d / 9) | 0;
    this.lp = d % 5;
    this.pb = (d / 5) | 0;
    const n = 0x300 << (this.lc + this.lp);
    if (this.literal.length !== n) this.literal = new Uint16Array(n);
  }

  resetState(): void {
    for (const p of [this.literal, this.posSlot, this.posDecoders, this.align, this.isMatch, this.isRep, this.isRepG0, this.isRepG1, this.isRepG2, this.isRep0Long]) p.fill(PROB_INIT);
    this.len.reset();
    this.repLen.reset();
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.pendingLen = 0;
  }

  private corrupt(why: string): never {
    throw new ParseError(`${this.inp.label}: corrupt LZMA data (${why})`);
  }

  private copyMatch(limit: number): number {
    const n = Math.min(this.pendingLen, limit);
    const w = this.win;
    const dist = this.rep0 + 1;
    let left = n;
    while (left > 0) {
      // Fast path: source and destination both inside the buffer without wrapping or growing.
      const buf = w.buf;
      const src = w.pos - dist;
      const room = buf.length - w.pos - 1;
      if (src >= 0 && room > 0) {
        const k = Math.min(left, room);
        if (dist >= k) buf.copyWithin(w.pos, src, src + k);
        else for (let i = 0; i < k; i++) buf[w.pos + i] = buf[src + i];
        w.pos += k;
        w.total += k;
        left -= k;
        continue;
      }
      w.put(w.get(dist));
      left--;
    }
    this.pendingLen -= n;
    return n;
  }

  /**
   * Decodes until `limit` more bytes are out, the output chunk is full, the buffered input runs
   * low, or the end marker. Returns [bytes produced, sawEndMarker].
   */
  run(limit: number, inputEnded: boolean): [number, boolean] {
    const w = this.win;
    const rc = this.rc;
    let made = 0;
    if (this.pendingLen > 0) made += this.copyMatch(limit);
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    while (made < limit && w.pending + (w.pos - w.flushed) < OUT_CHUNK && (inputEnded || this.inp.avail() >= LOOKAHEAD)) {
      const posState = w.total & pbMask;
      const state = this.state;
      if (rc.bit(this.isMatch, (state << 4) + posState) === 0) {
        const prev = w.isEmpty() ? 0 : w.get(1);
        const litState = ((w.total & lpMask) << this.lc) + (prev >>> (8 - this.lc));
        const base = 0x300 * litState;
        let symbol = 1;
        if (state >= 7) {
          let matchByte = w.get(this.rep0 + 1);
          do {
            const matchBit = (matchByte >>> 7) & 1;
            matchByte <<= 1;
            const bit = rc.bit(this.literal, base + ((1 + matchBit) << 8) + symbol);
            symbol = (symbol << 1) | bit;
            if (matchBit !== bit) break;
          } while (symbol < 0x100);
        }
        while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(this.literal, base + symbol);
        w.put(symbol - 0x100);
        made++;
        this.state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this.isRep, state) !== 0) {
        if (w.isEmpty()) this.corrupt('repeat before any output');
        if (rc.bit(this.isRepG0, state) === 0) {
          if (rc.bit(this.isRep0Long, (state << 4) + posState) === 0) {
            this.state = state < 7 ? 9 : 11;
            w.put(w.get(this.rep0 + 1));
            made++;
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this.isRepG1, state) === 0) dist = this.rep1;
          else {
            if (rc.bit(this.isRepG2, state) === 0) dist = this.rep2;
            else {
              dist = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        len = this.repLen.decode(rc, posState);
        this.state = state < 7 ? 8 : 11;
      } else {
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        len = this.len.decode(rc, posState);
        this.state = state < 7 ? 7 : 10;
        const dist = this.distance(len);
        if (dist === 0xffffffff) return [made, true];
        this.rep0 = dist;
        if (dist >= this.dictSize) this.corrupt('match distance beyond the data');
        if (!w.has(dist + 1)) {
          if (dist >= w.cap) throw new LimitExceededError(`${this.inp.label}: LZMA match ${dist + 1} bytes back, beyond the ${MAX_WINDOW}-byte window mlwarden keeps`, 'maxEntryBytes');
          this.corrupt('match distance beyond the data');
        }
      }
      this.pendingLen = len + K_MATCH_MIN_LEN;
      made += this.copyMatch(limit - made);
    }
    return [made, false];
  }

  private distance(len: number): number {
    const rc = this.rc;
    const lenState = Math.min(len, K_NUM_LEN_TO_POS_STATES - 1);
    const slot = rc.tree(this.posSlot, lenState << 6, 6);
    if (slot < 4) return slot;
    const numDirect = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** numDirect;
    if (slot < K_END_POS_MODEL_INDEX) dist += rc.reverse(this.posDecoders, dist - slot, numDirect);
    else {
      dist += rc.direct(numDirect - K_NUM_ALIGN_BITS) * 16;
      dist += rc.reverse(this.align, 0, K_NUM_ALIGN_BITS);
    }
    return dist;
  }
}

/** Runs the decoder; on damage, hands out what was decoded before it, then fails. */
function* runSalvaging(core: LzmaCore, win: Window, limit: number, ended: boolean): Generator<Buffer, [number, boolean]> {
  try {
    return core.run(limit, ended);
  } catch (e) {
    win.flush();
    yield* win.take();
    throw e;
  }
}

/**
 * The dictionary size liblzma really uses for a declared one: at least 4 KiB, rounded up to a
 * multiple of 16 (lz_decoder.c). A stream whose matches reach into that slack loads in Python, so
 * it is accepted here too.
 */
export function liblzmaDictSize(declared: number): number {
  return Math.min(0xfffffff0, Math.ceil(Math.max(4096, declared) / 16) * 16);
}

/** One raw LZMA stream: `remaining` bytes (Infinity: up to the end marker). */
async function* decodeLzmaBody(inp: PullInput, propsByte: number, declaredDict: number, remaining: number, label: string): AsyncGenerator<Buffer> {
  const dictSize = liblzmaDictSize(declaredDict);
  const win = new Window(Math.min(dictSize, MAX_WINDOW));
  const core = new LzmaCore(inp, win, dictSize);
  core.setProps(propsByte);
  core.resetState();
  await inp.ensure(5);
  core.rc.init();
  for (;;) {
    await inp.ensure(LOOKAHEAD);
    const [made, end] = yield* runSalvaging(core, win, Math.min(remaining, OUT_CHUNK), inp.eof);
    remaining -= made;
    win.flush();
    yield* win.take();
    if (end) {
      if (!core.rc.finishedOk()) throw new ParseError(`${label}: corrupt LZMA data (bad end marker)`);
      if (remaining !== Infinity && remaining > 0) throw new ParseError(`${label}: LZMA stream ended before its declared size`);
      return;
    }
    if (remaining === 0) return;
    if (made === 0 && inp.eof) throw new ParseError(`${label}: compressed data ends early (truncated)`);
  }
}

/** .lzma ("alone", LZMA1): 13-byte header, then one LZMA stream, end marker or known size. */
export async function* decodeLzmaAlone(it: AsyncIterator<Buffer>, label: string): AsyncGenerator<Buffer> {
  const inp = new PullInput(it, label);
  const h = await inp.bytes(13);
  const lo = h.readUInt32LE(5);
  const hi = h.readUInt32LE(9);
  const unknown = lo === 0xffffffff && hi === 0xffffffff;
  yield* decodeLzmaBody(inp, h[0], h.readUInt32LE(1), unknown ? Infinity : hi * 2 ** 32 + lo, label);
}

/**
 * Raw LZMA as 7z stores it: 5 property bytes (lc/lp/pb, dictionary size) from the archive header,
 * the output size from the folder (undefined: up to the end marker).
 */
export async function* decodeLzmaRaw(it: AsyncIterator<Buffer>, props: Buffer, unpackSize: number | undefined, label: string): AsyncGenerator<Buffer> {
  if (props.length < 5) throw new ParseError(`${label}: LZMA coder properties are ${props.length} bytes, expected 5`);
  const inp = new PullInput(it, label);
  yield* decodeLzmaBody(inp, props[0], props.readUInt32LE(1), unpackSize ?? Infinity, label);
}

/** The LZMA2 dictionary-size property byte (xz filter properties, 7z coder properties). */
export function lzma2DictSize(bits: number, label: string): number {
  if (bits > 40) throw new ParseError(`${label}: invalid LZMA2 dictionary size`);
  return bits === 40 ? 0xffffffff : (2 | (bits & 1)) * 2 ** ((bits >>> 1) + 11);
}

/** Raw LZMA2 as 7z stores it: one property byte (dictionary size), chunks up to the 0x00 end byte. */
export async function* decodeLzma2Raw(it: AsyncIterator<Buffer>, props: Buffer, label: string): AsyncGenerator<Buffer> {
  if (props.length < 1) throw new ParseError(`${label}: LZMA2 coder has no properties`);
  const dictSize = liblzmaDictSize(lzma2DictSize(props[0] & 0x3f, label));
  const inp = new PullInput(it, label);
  yield* decodeLzma2(inp, new Window(Math.min(dictSize, MAX_WINDOW)), dictSize, label);
}

/** Decodes one LZMA2 stream (up to its end byte 0x00) into `win`. */
async function* decodeLzma2(inp: PullInput, win: Window, dictSize: number, label: string): AsyncGenerator<Buffer> {
  const core = new LzmaCore(inp, win, dictSize);
  // liblzma's rules (lzma2_decoder.c): the first chunk resets the dictionary, and the first LZMA
  // chunk after any dictionary reset sets new properties (which implies a state reset).
  let needDictReset = true;
  let needProps = true;
  for (;;) {
    const control = await inp.u8();
    if (control === 0x00) {
      win.flush();
      yield* win.take();
      return;
    }
    if (control === 0x01 || control >= 0xe0) {
      needProps = true;
      needDictReset = false;
    } else if (needDictReset) {
      throw new ParseError(`${label}: corrupt LZMA2 data (first chunk does not reset the dictionary)`);
    }
    if (control === 0x01 || control === 0x02) {
      if (control === 0x01) win.reset();
      const sz = await inp.bytes(2);
      let size = sz.readUInt16BE(0) + 1;
      while (size > 0) {
        if (!(await inp.ensure(1))) throw new ParseError(`${label}: compressed data ends early (truncated)`);
        const n = Math.min(size, inp.avail());
        win.putBytes(await inp.bytes(n));
        size -= n;
        win.flush();
        if (win.pending >= OUT_CHUNK) yield* win.take();
      }
      continue;
    }
    if (control < 0x80) throw new ParseError(`${label}: corrupt LZMA2 data (control byte 0x${control.toString(16)})`);
    const hdr = await inp.bytes(4);
    let unpacked = (control & 0x1f) * 65536 + hdr.readUInt16BE(0) + 1;
    const packed = hdr.readUInt16BE(2) + 1;
    const reset = (control >>> 5) & 3;
    if (reset === 3) win.reset();
    if (reset >= 2) {
      const props = await inp.u8();
      core.setProps(props);
      if (core.lc + core.lp > 4) throw new ParseError(`${label}: corrupt LZMA2 data (lc + lp > 4)`);
      needProps = false;
    }
    if (needProps) throw new ParseError(`${label}: corrupt LZMA2 data (LZMA chunk after a dictionary reset without new properties)`);
    if (reset >= 1) core.resetState();
    await inp.ensure(5);
    const start = inp.offset;
    core.rc.init();
    while (unpacked > 0) {
      await inp.ensure(LOOKAHEAD);
      const [made, end] = yield* runSalvaging(core, win, unpacked, inp.eof);
      if (end) throw new ParseError(`${label}: corrupt LZMA2 data (end marker inside a chunk)`);
      unpacked -= made;
      if (inp.offset - start > packed) throw new ParseError(`${label}: corrupt LZMA2 data (chunk longer than declared)`);
      win.flush();
      if (win.pending >= OUT_CHUNK || unpacked === 0) yield* win.take();
      if (made === 0 && inp.eof) throw new ParseError(`${label}: compressed data ends early (truncated)`);
    }
    if (inp.offset - start !== packed) throw new ParseError(`${label}: corrupt LZMA2 data (chunk size disagrees with its header)`);
  }
}

/** xz branch-converter filter ids (IA-64 and ARM64 are not decoded). */
const XZ_BRANCH: Record<number, BranchFilter> = { 0x04: 'x86', 0x05: 'powerpc', 0x07: 'arm', 0x08: 'armthumb', 0x09: 'sparc' };

const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

/** The .xz container: streams of blocks (LZMA2, optionally behind branch-converter / delta filters), index and footer; concatenated streams. */
export async function* decodeXz(it: AsyncIterator<Buffer>, label: string): AsyncGenerator<Buffer> {
  const inp = new PullInput(it, label);
  for (;;) {
    const header = await inp.bytes(12);
    if (!header.subarray(0, 6).equals(XZ_MAGIC)) throw new ParseError(`${label}: not an xz stream`);
    const checkSize = CHECK_SIZES[header[7] & 0x0f];
    for (;;) {
      const blockStart = inp.offset;
      const first = await inp.u8();
      if (first === 0x00) break; // index indicator
      const rest = await inp.bytes(first * 4 + 3);
      const flags = rest[0];
      if (flags & 0x3c) throw new ParseError(`${label}: unsupported xz block flags`);
      const numFilters = (flags & 3) + 1;
      let p = 1;
      const varint = (): number => {
        let v = 0;
        let mul = 1;
        for (let i = 0; i < 9 && p < rest.length; i++) {
          const b = rest[p++];
          v += (b & 0x7f) * mul;
          mul *= 128;
          if ((b & 0x80) === 0) return v;
        }
        throw new ParseError(`${label}: malformed xz block header`);
      };
      if (flags & 0x40) varint();
      if (flags & 0x80) varint();
      let dictSize = -1;
      const filters: ChunkFilter[] = [];
      for (let f = 0; f < numFilters; f++) {
        const id = varint();
        const propSize = varint();
        if (p + propSize > rest.length) throw new ParseError(`${label}: malformed xz block header`);
        const last = f === numFilters - 1;
        if (id === 0x21 && propSize === 1 && last) {
          dictSize = lzma2DictSize(rest[p] & 0x3f, label);
        } else if (id === 0x03 && propSize === 1 && !last) {
          filters.push(new DeltaFilter(rest[p] + 1));
        } else if (XZ_BRANCH[id] && (propSize === 0 || propSize === 4) && !last) {
          filters.push(branchFilter(XZ_BRANCH[id], propSize === 4 ? rest.readUInt32LE(p) : 0));
        } else {
          throw new ParseError(`${label}: xz filter 0x${id.toString(16)} is not supported, contents not scanned`);
        }
        p += propSize;
      }
      if (dictSize < 0) throw new ParseError(`${label}: xz block without an LZMA2 filter`);
      const size = liblzmaDictSize(dictSize);
      let out: AsyncIterable<Buffer> = decodeLzma2(inp, new Window(Math.min(size, MAX_WINDOW)), size, label);
      // The chain is listed encoder-first: decoding undoes LZMA2 first, then the filters in reverse.
      for (let f = filters.length - 1; f >= 0; f--) out = applyFilter(out, filters[f]);
      yield* out;
      const pad = (4 - ((inp.offset - blockStart) % 4)) % 4;
      await inp.bytes(pad + checkSize);
    }
    // Index: count, then (unpadded size, uncompressed size) per record, padding and CRC32.
    const indexStart = inp.offset - 1;
    const records = await inp.varint();
    for (let i = 0; i < records; i++) {
      await inp.varint();
      await inp.varint();
    }
    const pad = (4 - ((inp.offset - indexStart) % 4)) % 4;
    await inp.bytes(pad + 4);
    const footer = await inp.bytes(12);
    if (footer[10] !== 0x59 || footer[11] !== 0x5a) throw new ParseError(`${label}: corrupt xz stream footer`);
    // Stream padding (zero bytes in groups of 4, legal in xz), then maybe another stream. Anything
    // else after a complete stream is ignored, as Python's lzma module (and so joblib) ignores it:
    // lzma.decompress and LZMAFile stop at trailing data that is not a valid stream.
    for (;;) {
      if (!(await inp.ensure(1))) return;
      const b = inp.byte();
      if (b !== 0) {
        inp.pos--;
        break;
      }
    }
    if (!(await inp.ensure(6))) return;
    const next = await inp.bytes(6);
    inp.pos -= 6;
    if (!next.equals(XZ_MAGIC)) return;
  }
}
