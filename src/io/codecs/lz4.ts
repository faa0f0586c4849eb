// LZ4 frame format (lz4.frame, joblib's compress='lz4'), decoded in TypeScript: frames of
// blocks (at most 4 MiB each, as the frame header declares), linked or independent, optional
// checksums skipped, skippable frames and concatenated frames handled. Output is bounded by the
// block size each step; the caller's caps bound the total. Block format per the LZ4 block spec.
import { ParseError } from '../../core/errors.js';
import { PullInput } from './input.js';

const FRAME_MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];
const HISTORY = 64 * 1024;

function corrupt(label: string, why: string): never {
  throw new ParseError(`${label}: corrupt LZ4 data (${why})`);
}

/**
 * One LZ4 block decoded into `dst` at `pos` (at most `max` bytes); matches may reach back to
 * `floor` (the frame's earlier output in linked mode). Returns where the block's output ends.
 */
export function lz4BlockInto(src: Uint8Array, dst: Buffer, pos: number, floor: number, max: number, label: string): number {
  const limit = Math.min(dst.length, pos + max);
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
    if (i + lit > n || pos + lit > limit) corrupt(label, 'literals run past the block');
    dst.set(src.subarray(i, i + lit), pos);
    i += lit;
    pos += lit;
    if (i >= n) break; // the last sequence has literals only
    if (i + 2 > n) corrupt(label, 'match offset runs past the block');
    const offset = src[i] | (src[i + 1] << 8);
    i += 2;
    if (offset === 0 || offset > pos - floor) corrupt(label, 'match offset before the start of the data');
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
    if (pos + len > limit) corrupt(label, 'block larger than the frame allows');
    const from = pos - offset;
    if (offset >= len) dst.copyWithin(pos, from, from + len);
    else for (let k = 0; k < len; k++) dst[pos + k] = dst[from + k];
    pos += len;
  }
  return pos;
}

export async function* decodeLz4(it: AsyncIterator<Buffer>, label: string): AsyncGenerator<Buffer> {
  const inp = new PullInput(it, label);
  let frames = 0;
  let work = Buffer.alloc(0);
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
    // One working buffer for the frame's output: a linked block's matches reach back into what
    // came before it, so the last HISTORY bytes stay in front. It is compacted only when a block
    // might not fit (amortised: tiny blocks never copy the 64 KiB history each time).
    let pos = 0;
    for (;;) {
      const sz = (await inp.bytes(4)).readUInt32LE(0);
      if (sz === 0) break;
      const stored = (sz & 0x80000000) !== 0;
      const len = sz & 0x7fffffff;
      if (len > max) corrupt(label, 'block larger than the frame allows');
      const data = await inp.bytes(len);
      if (flg & 0x10) await inp.bytes(4); // block checksum
      if (!linked) pos = 0;
      else if (pos + max > work.length) {
        const keep = Math.min(pos, HISTORY);
        if (keep + max > work.length) {
          // Grown once per size actually needed (a frame's declared maximum is never allocated up front).
          const grown = Buffer.allocUnsafe(Math.max(keep + max, Math.min(HISTORY + 2 * max, work.length * 2)));
          work.copy(grown, 0, pos - keep, pos);
          work = grown;
        } else work.copyWithin(0, pos - keep, pos);
        pos = keep;
      }
      if (!linked && max > work.length) work = Buffer.allocUnsafe(max);
      let end: number;
      if (stored) {
        if (pos + data.length > work.length) corrupt(label, 'block larger than the frame allows');
        work.set(data, pos);
        end = pos + data.length;
      } else end = lz4BlockInto(data, work, pos, linked ? 0 : pos, max, label);
      if (end > pos) yield Buffer.from(work.subarray(pos, end));
      pos = end;
    }
    if (flg & 0x04) await inp.bytes(4); // content checksum
  }
  if (frames === 0) throw new ParseError(`${label}: not an LZ4 frame`);
}
