// bzip2, decoded block by block with seek-bzip (pure JS; its decoder is synchronous and reads bytes
// one at a time). Each block is at most 900 kB before the final run-length stage and its
// compressed form is bounded (~2.3 MB), so a block's input is buffered before it is decoded and
// its output (at most ~46 MB for a maximal run-length block) is handed out in 1 MiB chunks before
// the next block is touched: the caller's caps see every block. Concatenated streams (pbzip2,
// Python's bz2 module reads them) are decoded in turn.
import Bunzip from 'seek-bzip';
import { ParseError } from '../../../core/errors.js';
import { PullInput } from './input.js';

const OUT_CHUNK = 1024 * 1024;
/** More than any valid compressed block (900k symbols of at most 20 bits, plus tables). */
const BLOCK_LOOKAHEAD = 3 * 1024 * 1024;

class Chunker {
  private cur = Buffer.allocUnsafe(OUT_CHUNK);
  private n = 0;
  out: Buffer[] = [];
  writeByte(b: number): void {
    this.cur[this.n++] = b;
    if (this.n === OUT_CHUNK) {
      this.out.push(this.cur);
      this.cur = Buffer.allocUnsafe(OUT_CHUNK);
      this.n = 0;
    }
  }
  take(final = false): Buffer[] {
    if (final || this.n > 0) {
      if (this.n > 0) this.out.push(Buffer.from(this.cur.subarray(0, this.n)));
      this.n = 0;
    }
    const o = this.out;
    this.out = [];
    return o;
  }
}

export async function* decodeBzip2(it: AsyncIterator<Buffer>, label: string): AsyncGenerator<Buffer> {
  const inp = new PullInput(it, label);
  const input = {
    readByte(): number {
      const b = inp.byteOrEof();
      if (b < 0) throw new ParseError(`${label}: compressed data ends early (truncated)`);
      return b;
    },
    read(buf: Uint8Array, off: number, len: number): number {
      let i = 0;
      for (; i < len; i++) {
        const b = inp.byteOrEof();
        if (b < 0) break;
        buf[off + i] = b;
      }
      return i === 0 && len > 0 ? -1 : i;
    },
    seek(): void {
      throw new ParseError(`${label}: bzip2 seek is not supported`);
    },
    eof(): boolean {
      return inp.avail() === 0 && inp.eof;
    },
  };
  const out = new Chunker();
  const wrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ParseError) throw e;
      // seek-bzip throws {name, message} objects for bad data.
      const msg = e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
      throw new ParseError(`${label}: corrupt bzip2 data (${msg})`);
    }
  };
  await inp.ensure(BLOCK_LOOKAHEAD);
  const bz = wrap(() => new Bunzip(input, out));
  for (;;) {
    await inp.ensure(BLOCK_LOOKAHEAD);
    if (wrap(() => bz._init_block())) {
      wrap(() => bz._read_bunzip());
      yield* out.take();
      continue;
    }
    const crc = wrap(() => bz.reader.read(32) >>> 0);
    if (crc !== bz.streamCRC >>> 0) throw new ParseError(`${label}: corrupt bzip2 data (stream CRC mismatch)`);
    yield* out.take(true);
    // Another stream may follow (pbzip2 output, `cat a.bz2 b.bz2`); trailing garbage is an error.
    if (!(await inp.ensure(1))) return;
    wrap(() => bz._start_bunzip(input, out));
  }
}
