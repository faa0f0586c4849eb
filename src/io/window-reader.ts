// A forward cursor over a ByteSource through a bounded window, for the model-format readers (GGUF,
// ONNX/SavedModel protobuf, HDF5). Metadata parsers read many tiny fields; going to the source for
// each would be slow, and reading the whole file would be unbounded (a GGUF or ONNX file is mostly
// tensor payload that the verdict never needs). Skipping forward past payloads costs nothing.
import { ParseError } from '../core/errors.js';
import type { ByteSource } from '../core/types.js';

const DEFAULT_WINDOW = 1024 * 1024;

export class WindowReader {
  private buf: Buffer = Buffer.alloc(0);
  /** File offset of buf[0]. */
  private base = 0;
  pos: number;

  constructor(
    readonly source: ByteSource,
    start = 0,
    /** Reads stop here (exclusive); defaults to the source size. */
    readonly end = source.size,
    private readonly window = DEFAULT_WINDOW,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Makes `n` bytes at the cursor available; throws ParseError when the input ends first. */
  async need(n: number, what = 'data'): Promise<void> {
    if (this.pos + n > this.end) throw new ParseError(`truncated: ${what} needs ${n} bytes at offset ${this.pos}, only ${Math.max(0, this.end - this.pos)} left`, this.pos);
    if (this.pos >= this.base && this.pos + n <= this.base + this.buf.length) return;
    const len = Math.min(Math.max(n, this.window), this.end - this.pos);
    const b = await this.source.read(this.pos, len);
    if (b.length < n) throw new ParseError(`truncated: ${what} needs ${n} bytes at offset ${this.pos}, the source ended`, this.pos);
    this.buf = b;
    this.base = this.pos;
  }

  /** True when `n` bytes at the cursor are already buffered (lets hot loops skip the await). */
  has(n: number): boolean {
    return this.pos >= this.base && this.pos + n <= this.base + this.buf.length;
  }

  /** Bytes at the cursor (call need() first). The view is only valid until the next need(). */
  private at(): number {
    return this.pos - this.base;
  }

  u8(): number {
    const v = this.buf[this.at()];
    this.pos += 1;
    return v;
  }
  u16(): number {
    const v = this.buf.readUInt16LE(this.at());
    this.pos += 2;
    return v;
  }
  u32(): number {
    const v = this.buf.readUInt32LE(this.at());
    this.pos += 4;
    return v;
  }
  i32(): number {
    const v = this.buf.readInt32LE(this.at());
    this.pos += 4;
    return v;
  }
  /** u64 as a number; values past 2^53 come back as Infinity so that bounds checks fail safely. */
  u64(): number {
    // Two u32 halves: BigInt conversion is the hot spot when walking 100k-entry vocabularies.
    const at = this.at();
    const lo = this.buf.readUInt32LE(at);
    const hi = this.buf.readUInt32LE(at + 4);
    this.pos += 8;
    return hi >= 0x200000 ? Infinity : hi * 0x100000000 + lo;
  }
  i64(): number {
    const v = this.buf.readBigInt64LE(this.at());
    this.pos += 8;
    return Number(v);
  }
  f32(): number {
    const v = this.buf.readFloatLE(this.at());
    this.pos += 4;
    return v;
  }
  f64(): number {
    const v = this.buf.readDoubleLE(this.at());
    this.pos += 8;
    return v;
  }
  bytes(n: number): Buffer {
    const s = this.buf.subarray(this.at(), this.at() + n);
    this.pos += n;
    return Buffer.from(s);
  }
  /** Skips `n` bytes without reading them (tensor payloads). */
  skip(n: number, what = 'data'): void {
    if (n > this.end - this.pos) throw new ParseError(`truncated: ${what} declares ${n} bytes at offset ${this.pos}, only ${this.end - this.pos} left`, this.pos);
    this.pos += n;
  }
  seek(pos: number): void {
    this.pos = pos;
  }

  /** Protobuf base-128 varint (up to 10 bytes); values past 2^53 become Infinity. */
  async varint(what = 'varint'): Promise<number> {
    await this.need(Math.min(10, this.end - this.pos) || 1, what);
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.buf[this.at()];
      this.pos++;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result > Number.MAX_SAFE_INTEGER ? Infinity : result;
      mul *= 128;
      if (this.pos >= this.end) throw new ParseError(`truncated: ${what} runs past the end at offset ${this.pos}`, this.pos);
    }
    throw new ParseError(`malformed ${what} at offset ${this.pos}: more than 10 bytes`, this.pos);
  }
}
