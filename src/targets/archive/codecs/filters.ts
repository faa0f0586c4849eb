// Branch-converter and delta filters, decoded in TypeScript (ports of the public-domain liblzma
// "simple" x86 filter and delta filter). Both are byte-for-byte transforms used in front of
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

/** BCJ x86 decoder: CALL/JMP (E8/E9) targets converted back from absolute to relative. */
export class X86Filter implements ChunkFilter {
  private prevMask = 0;
  private prevPos: number;
  private nowPos: number;
  private pending: Buffer = Buffer.alloc(0);

  constructor(startOffset = 0) {
    this.nowPos = startOffset >>> 0;
    this.prevPos = (this.nowPos - 5) >>> 0;
  }

  /** Filters buf in place; returns how many leading bytes are final. */
  private code(buf: Buffer): number {
    const size = buf.length;
    if (size < 5) return 0;
    let prevMask = this.prevMask;
    let prevPos = this.prevPos;
    const nowPos = this.nowPos;
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

  push(chunk: Buffer): Buffer {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const n = this.code(buf);
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

/** Runs a decoded stream through a filter. */
export async function* applyFilter(input: AsyncIterable<Buffer>, f: ChunkFilter): AsyncGenerator<Buffer> {
  for await (const c of input) {
    const o = f.push(c);
    if (o.length) yield o;
  }
  const r = f.end();
  if (r.length) yield r;
}
