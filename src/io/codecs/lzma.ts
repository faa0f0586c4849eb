// LZMA, LZMA2 and the .xz / .lzma ("alone") containers, decoded in TypeScript (a port of the
// public-domain LZMA specification decoder, LzmaSpec.cpp, whose symbol decoder is in
// lzma-decoder.ts, plus the xz file format 1.x framing).
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
import { ParseError } from '../../core/errors.js';
import { PullInput } from './input.js';
import { LzmaDecoder } from './lzma-decoder.js';
import { LOOKAHEAD, MAX_WINDOW, OUT_CHUNK, Window } from './lzma-window.js';
import { applyFilter, branchFilter, DeltaFilter, type BranchFilter, type ChunkFilter } from './filters.js';

export { MAX_WINDOW, Window };

/** Runs the decoder; on damage, hands out what was decoded before it, then fails. */
function* runSalvaging(core: LzmaDecoder, win: Window, limit: number, ended: boolean): Generator<Buffer, [number, boolean]> {
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
  const core = new LzmaDecoder(inp, win, dictSize);
  core.setProps(propsByte);
  core.resetState();
  await inp.ensure(5);
  core.initRange();
  for (;;) {
    await inp.ensure(LOOKAHEAD);
    const [made, end] = yield* runSalvaging(core, win, Math.min(remaining, OUT_CHUNK), inp.eof);
    remaining -= made;
    win.flush();
    yield* win.take();
    if (end) {
      if (!core.rangeFinishedOk()) throw new ParseError(`${label}: corrupt LZMA data (bad end marker)`);
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
  const core = new LzmaDecoder(inp, win, dictSize);
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
    core.initRange();
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
