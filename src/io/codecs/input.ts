// Pull-based input for the synchronous decoders (LZMA, bzip2): bytes are fetched from an async
// iterator ahead of the decoder, which then reads them one at a time without awaiting.
import { ParseError } from '../../core/errors.js';

export class PullInput {
  private buf: Buffer = Buffer.alloc(0);
  pos = 0;
  eof = false;
  /** Absolute offset of buf[0] in the compressed stream. */
  private base = 0;
  constructor(private readonly it: AsyncIterator<Buffer>, readonly label: string) {}

  avail(): number {
    return this.buf.length - this.pos;
  }

  /** Absolute offset of the next byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /**
   * Buffers at least `n` bytes unless the input ends first; returns whether they are there.
   * Chunks are collected first and joined once with the unread remainder, so filling a large
   * lookahead (bzip2 asks for 3 MiB) from 64 KiB chunks copies each byte once, not once per chunk.
   */
  async ensure(n: number): Promise<boolean> {
    let have = this.avail();
    if (have >= n || this.eof) return have >= n;
    const parts: Buffer[] = [];
    while (have < n) {
      const r = await this.it.next();
      if (r.done) {
        this.eof = true;
        break;
      }
      if (r.value.length === 0) continue;
      parts.push(r.value);
      have += r.value.length;
    }
    if (parts.length > 0) {
      const rest = this.buf.subarray(this.pos);
      this.base += this.pos;
      this.pos = 0;
      this.buf = rest.length === 0 && parts.length === 1 ? parts[0] : Buffer.concat(rest.length > 0 ? [rest, ...parts] : parts, have);
    }
    return have >= n;
  }

  /**
   * The whole buffered array; the unread bytes start at `pos`. For a decoder's hot loop, which
   * reads it directly and writes `pos` back (the LZMA symbol decoder).
   */
  buffered(): Buffer {
    return this.buf;
  }

  /** Up to `n` buffered bytes from the current position, not consumed. */
  peek(n: number): Buffer {
    return this.buf.subarray(this.pos, this.pos + n);
  }

  byte(): number {
    if (this.pos >= this.buf.length) throw new ParseError(`${this.label}: compressed data ends early (truncated)`);
    return this.buf[this.pos++];
  }

  /** Next byte, or -1 at the end of the buffered bytes (bzip2's reader signals EOF this way). */
  byteOrEof(): number {
    return this.pos < this.buf.length ? this.buf[this.pos++] : -1;
  }

  async bytes(n: number): Promise<Buffer> {
    if (!(await this.ensure(n))) throw new ParseError(`${this.label}: compressed data ends early (truncated)`);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  async u8(): Promise<number> {
    return (await this.bytes(1))[0];
  }

  /** xz variable-length integer (at most 9 bytes). */
  async varint(): Promise<number> {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 9; i++) {
      const b = await this.u8();
      v += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return v;
    }
    throw new ParseError(`${this.label}: malformed xz integer`);
  }

  /** True when no byte is left at all. */
  async atEnd(): Promise<boolean> {
    return !(await this.ensure(1));
  }
}
