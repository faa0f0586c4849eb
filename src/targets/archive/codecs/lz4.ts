// LZ4 frame format (lz4.frame, joblib's compress='lz4'), decoded in TypeScript: frames of
// blocks (at most 4 MiB each, as the frame header declares), linked or independent, optional
// checksums skipped, skippable frames and concatenated frames handled. Output is bounded by the
// block size each step; the caller's caps bound the total. Block format per the LZ4 block spec.
import { ParseError } from '../../../core/errors.js';
import { PullInput } from './input.js';

const FRAME_MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];
const HISTORY = 64 * 1024;

function corrupt(label: string, why: string): never {
  throw new ParseError(`${label}: corrupt LZ4 data (${why})`);
}

/** One LZ4 block into a fresh buffer after `history` (matches may reach back into it). */
export function lz4Block(src: Uint8Array, history: Buffer, max: number, label: string): Buffer {
  const dst = Buffer.allocUnsafe(history.length + max);
  history.copy(dst, 0);
  let pos = history.length;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const token = src[i++];
    let lit = token >>> 4;
    if (lit === 15) {
      let b: number;
      do {
        if (i >= n) corrupt(label, 'literal length runs past the block');
        b = src[i++];
        lit += b;
      } while (b === 255);
    }
    if (i + lit > n || pos + lit > dst.length) corrupt(label, 'literals run past the block');
    dst.set(src.subarray(i, i + lit), pos);
    i += lit;
    pos += lit;
    if (i >= n) break; // the last sequence has literals only
    if (i + 2 > n) corrupt(label, 'match offset runs past the block');
    const offset = src[i] | (src[i + 1] << 8);
    i += 2;
    if (offset === 0 || offset > pos) corrupt(label, 'match offset before the start of the data');
    let len = token & 15;
    if (len === 15) {
      let b: number;
      do {
        if (i >= n) corrupt(label, 'match length runs past the block');
        b = src[i++];
        len += b;
      } while (b === 255);
    }
    len += 4;
    if (pos + len > dst.length) corrupt(label, 'block larger than the frame allows');
    const from = pos - offset;
    if (offset >= len) dst.copyWithin(pos, from, from + len);
    else for (let k = 0; k < len; k++) dst[pos + k] = dst[from + k];
    pos += len;
  }
  return dst.subarray(history.length, pos);
}

export async function* decodeLz4(it: AsyncIterator<Buffer>, label: string): AsyncGenerator<Buffer> {
  const inp = new PullInput(it, label);
  let frames = 0;
  while (await inp.ensure(4)) {
    const magic = (await inp.bytes(4)).readUInt32LE(0);
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      let skip = (await inp.bytes(4)).readUInt32LE(0);
      while (skip > 0) {
        const k = Math.min(skip, 1 << 20);
        await inp.bytes(k);
        skip -= k;
      }
      continue;
    }
    if (magic !== FRAME_MAGIC) throw new ParseError(`${label}: ${frames === 0 ? 'not an LZ4 frame' : 'data after the LZ4 frame is not another frame'}`);
    frames++;
    const flg = await inp.u8();
    const bd = await inp.u8();
    if (flg >>> 6 !== 1) corrupt(label, `frame version ${flg >>> 6}`);
    const max = BLOCK_MAX[(bd >>> 4) & 7];
    if (!max) corrupt(label, 'invalid block size');
    if (flg & 0x08) await inp.bytes(8); // content size (a hint; never used for allocation)
    if (flg & 0x01) await inp.bytes(4); // dictionary id: external dictionaries are not supported
    await inp.u8(); // header checksum
    const linked = (flg & 0x20) === 0;
    let history = Buffer.alloc(0);
    for (;;) {
      const sz = (await inp.bytes(4)).readUInt32LE(0);
      if (sz === 0) break;
      const stored = (sz & 0x80000000) !== 0;
      const len = sz & 0x7fffffff;
      if (len > max) corrupt(label, 'block larger than the frame allows');
      const data = await inp.bytes(len);
      if (flg & 0x10) await inp.bytes(4); // block checksum
      const out = stored ? Buffer.from(data) : lz4Block(data, history, max, label);
      if (out.length > 0) yield Buffer.from(out);
      if (linked) history = Buffer.from(Buffer.concat([history, out]).subarray(-HISTORY));
    }
    if (flg & 0x04) await inp.bytes(4); // content checksum
  }
  if (frames === 0) throw new ParseError(`${label}: not an LZ4 frame`);
}
