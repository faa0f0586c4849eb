// Branch-converter and delta filters, decoded in TypeScript (ports of the public-domain liblzma
// "simple" x86, ARM, ARM-Thumb, PowerPC and SPARC filters and the delta filter). Both are byte-for-byte transforms used in front of
// LZMA/LZMA2 by xz (`xz --x86`, `--delta`) and 7z (-mf=BCJ, -mf=Delta): they change no sizes.
// Each works on a stream of chunks; state carries across chunk boundaries.

/** Chunk-by-chunk transform: `push` returns what is final so far, `end` the rest. */
export interface ChunkFilter {
  push(chunk: Buffer): Buffer;
  end(): Buffer;
}

const X86_ALLOWED = [true, true, true, false, true, false, false, false];
const X86_BIT = [0, 1, 2, 2, 3, 3, 3, 3];
const ms = (b: number): boolean => b === 0 || b === 0xff;

/**
 * liblzma's "simple" filter framework: code() converts what it can of a buffer in place and says
 * how many leading bytes are final; the rest (an instruction cut by the chunk boundary) waits for
 * the next chunk, and is passed through unchanged at the end of the stream.
 */
abstract class SimpleFilter implements ChunkFilter {
  protected nowPos: number;
  private pending: Buffer = Buffer.alloc(0);
  constructor(startOffset = 0) {
    this.nowPos = startOffset >>> 0;
  }
  protected abstract code(buf: Buffer, nowPos: number): number;
  push(chunk: Buffer): Buffer {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const n = this.code(buf, this.nowPos);
    this.nowPos = (this.nowPos + n) >>> 0;
    this.pending = buf.subarray(n);
    return buf.subarray(0, n);
  }
  end(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}

/** BCJ x86 decoder: CALL/JMP (E8/E9) targets converted back from absolute to relative. */
export class X86Filter extends SimpleFilter {
  private prevMask = 0;
  private prevPos: number;

  constructor(startOffset = 0) {
    super(startOffset);
    this.prevPos = (this.nowPos - 5) >>> 0;
  }

  protected code(buf: Buffer, nowPos: number): number {
    const size = buf.length;
    if (size < 5) return 0;
    let prevMask = this.prevMask;
    let prevPos = this.prevPos;
    if (((nowPos - prevPos) >>> 0) > 5) prevPos = (nowPos - 5) >>> 0;
    const limit = size - 5;
    let i = 0;
    while (i <= limit) {
      let b = buf[i];
      if (b !== 0xe8 && b !== 0xe9) {
        i++;
        continue;
      }
      const offset = (nowPos + i - prevPos) >>> 0;
      prevPos = (nowPos + i) >>> 0;
      if (offset > 5) prevMask = 0;
      else for (let k = 0; k < offset; k++) prevMask = ((prevMask & 0x77) << 1) & 0xff;
      b = buf[i + 4];
      if (ms(b) && X86_ALLOWED[(prevMask >>> 1) & 7] && prevMask >>> 1 < 0x10) {
        let src = ((b << 24) | (buf[i + 3] << 16) | (buf[i + 2] << 8) | buf[i + 1]) >>> 0;
        let dest: number;
        for (;;) {
          dest = (src - ((nowPos + i + 5) >>> 0)) >>> 0;
          if (prevMask === 0) break;
          const n = X86_BIT[prevMask >>> 1];
          b = (dest >>> (24 - n * 8)) & 0xff;
          if (!ms(b)) break;
          src = (dest ^ (2 ** (32 - n * 8) - 1)) >>> 0;
        }
        buf[i + 4] = (dest >>> 24) & 1 ? 0xff : 0;
        buf[i + 3] = (dest >>> 16) & 0xff;
        buf[i + 2] = (dest >>> 8) & 0xff;
        buf[i + 1] = dest & 0xff;
        i += 5;
        prevMask = 0;
      } else {
        i++;
        prevMask |= 1;
        if (ms(b)) prevMask |= 0x10;
      }
    }
    this.prevMask = prevMask;
    this.prevPos = prevPos;
    return i;
  }
}

/** ARM (BL instructions, 4-byte aligned). */
export class ArmFilter extends SimpleFilter {
  protected code(buf: Buffer, nowPos: number): number {
    let i = 0;
    for (; i + 4 <= buf.length; i += 4) {
      if (buf[i + 3] !== 0xeb) continue;
      const src = ((buf[i + 2] << 16) | (buf[i + 1] << 8) | buf[i]) * 4;
      const dest = ((src - (nowPos + i + 8)) >>> 2) & 0xffffff;
      buf[i + 2] = dest >>> 16;
      buf[i + 1] = (dest >>> 8) & 0xff;
      buf[i] = dest & 0xff;
    }
    return i;
  }
}

/** ARM Thumb (BL pairs, 2-byte aligned). */
export class ArmThumbFilter extends SimpleFilter {
  protected code(buf: Buffer, nowPos: number): number {
    let i = 0;
    for (; i + 4 <= buf.length; i += 2) {
      if ((buf[i + 1] & 0xf8) !== 0xf0 || (buf[i + 3] & 0xf8) !== 0xf8) continue;
      const src = (((buf[i + 1] & 7) << 19) | (buf[i] << 11) | ((buf[i + 3] & 7) << 8) | buf[i + 2]) * 2;
      const dest = (src - (nowPos + i + 4)) >>> 1;
      buf[i + 1] = 0xf0 | ((dest >>> 19) & 7);
      buf[i] = (dest >>> 11) & 0xff;
      buf[i + 3] = 0xf8 | ((dest >>> 8) & 7);
      buf[i + 2] = dest & 0xff;
      i += 2;
    }
    return i;
  }
}

/** PowerPC (big-endian B/BL with AA=0, LK=1). */
export class PowerPcFilter extends SimpleFilter {
  protected code(buf: Buffer, nowPos: number): number {
    let i = 0;
    for (; i + 4 <= buf.length; i += 4) {
      if (buf[i] >>> 2 !== 0x12 || (buf[i + 3] & 3) !== 1) continue;
      const src = ((buf[i] & 3) * 2 ** 24 + (buf[i + 1] << 16) + (buf[i + 2] << 8) + (buf[i + 3] & 0xfc)) >>> 0;
      const dest = (src - (nowPos + i)) >>> 0;
      buf[i] = 0x48 | ((dest >>> 24) & 3);
      buf[i + 1] = (dest >>> 16) & 0xff;
      buf[i + 2] = (dest >>> 8) & 0xff;
      buf[i + 3] = (buf[i + 3] & 3) | (dest & 0xff);
    }
    return i;
  }
}

/** SPARC (CALL instructions). */
export class SparcFilter extends SimpleFilter {
  protected code(buf: Buffer, nowPos: number): number {
    let i = 0;
    for (; i + 4 <= buf.length; i += 4) {
      if (!((buf[i] === 0x40 && (buf[i + 1] & 0xc0) === 0) || (buf[i] === 0x7f && (buf[i + 1] & 0xc0) === 0xc0))) continue;
      const src = ((buf.readUInt32BE(i) * 4) % 2 ** 32) >>> 0;
      let dest = ((src - (nowPos + i)) >>> 0) >>> 2;
      dest = ((((0 - ((dest >>> 22) & 1)) << 22) & 0x3fffffff) | (dest & 0x3fffff) | 0x40000000) >>> 0;
      buf.writeUInt32BE(dest, i);
    }
    return i;
  }
}

/** Delta decoder: each byte is stored as the difference from the byte `distance` (1..256) back. */
export class DeltaFilter implements ChunkFilter {
  private hist = new Uint8Array(256);
  private pos = 0;
  constructor(readonly distance: number) {
    if (!(distance >= 1 && distance <= 256)) throw new RangeError(`delta distance ${distance} out of range`);
  }
  push(chunk: Buffer): Buffer {
    const out = Buffer.allocUnsafe(chunk.length);
    const h = this.hist;
    const d = this.distance;
    let p = this.pos;
    for (let i = 0; i < chunk.length; i++) {
      const v = (chunk[i] + h[(p - d) & 0xff]) & 0xff;
      h[p & 0xff] = v;
      out[i] = v;
      p = (p + 1) & 0xff;
    }
    this.pos = p;
    return out;
  }
  end(): Buffer {
    return Buffer.alloc(0);
  }
}

export type BranchFilter = 'x86' | 'arm' | 'armthumb' | 'powerpc' | 'sparc';

/** A branch-converter decoder by name (xz filter ids 0x04/0x07/0x08/0x05/0x09; 7z coders 0303xxxx). */
export function branchFilter(kind: BranchFilter, startOffset = 0): ChunkFilter {
  switch (kind) {
    case 'x86':
      return new X86Filter(startOffset);
    case 'arm':
      return new ArmFilter(startOffset);
    case 'armthumb':
      return new ArmThumbFilter(startOffset);
    case 'powerpc':
      return new PowerPcFilter(startOffset);
    case 'sparc':
      return new SparcFilter(startOffset);
  }
}

/** Runs a decoded stream through a filter. */
export async function* applyFilter(input: AsyncIterable<Buffer>, f: ChunkFilter): AsyncGenerator<Buffer> {
  for await (const c of input) {
    const o = f.push(c);
    if (o.length) yield o;
  }
  const r = f.end();
  if (r.length) yield r;
}
