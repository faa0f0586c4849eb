// bzip2, decoded block by block with seek-bzip (pure JS; its decoder is synchronous and reads bytes
// one at a time). Each block is at most 900 kB before the final run-length stage and its
// compressed form is bounded (~2.3 MB), so a block's input is buffered before it is decoded and
// its output (at most ~46 MB for a maximal run-length block) is handed out in 1 MiB chunks before
// the next block is touched: the caller's caps see every block. Concatenated streams (pbzip2,
// Python's bz2 module reads them) are decoded in turn. After a complete stream, bytes that do not
// start a valid one are trailing garbage and end the data, as in Python (bz2.decompress and
// bz2.BZ2File, which joblib uses, ignore an OSError from a following stream's first decode); a
// following stream that is merely cut short is still an error there and here.
import Bunzip from 'seek-bzip';
import { ParseError } from '../../core/errors.js';
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
  /** A stream after the first that has produced no output yet: corrupt data here is trailing garbage. */
  let probing = false;
  for (;;) {
    await inp.ensure(BLOCK_LOOKAHEAD);
    let more: boolean;
    try {
      more = wrap(() => bz._init_block());
      if (more) wrap(() => bz._read_bunzip());
    } catch (e) {
      // seek-bzip writes a block's bytes before it checks the block CRC, and libbzip2 hands them out
      // before its check too (Python's BZ2File gives them to pickle.load, which can run a payload and
      // return before the error is seen): what the damaged block decoded to is handed out, then the
      // error, never dropped as trailing garbage.
      const decoded = out.take();
      if (decoded.length > 0) {
        yield* decoded;
        throw e;
      }
      if (probing && isCorrupt(e, inp)) return;
      throw e;
    }
    if (more) {
      probing = false;
      yield* out.take();
      continue;
    }
    const crc = wrap(() => bz.reader.read(32) >>> 0);
    if (crc !== bz.streamCRC >>> 0) {
      if (probing) return; // an empty "stream" of garbage that happened to parse to an end marker
      throw new ParseError(`${label}: corrupt bzip2 data (stream CRC mismatch)`);
    }
    yield* out.take(true);
    // Another stream may follow (pbzip2 output, `cat a.bz2 b.bz2`), or trailing garbage (ignored).
    if (!(await inp.ensure(1))) return;
    // Fewer than four bytes that begin like a stream header ("BZ"): Python waits for the rest and reports truncation.
    await inp.ensure(4);
    const start = inp.peek(4);
    if (start.length < 4 && Buffer.from('BZh').subarray(0, start.length).equals(start.subarray(0, 3))) {
      throw new ParseError(`${label}: compressed data ends early (truncated)`);
    }
    try {
      wrap(() => bz._start_bunzip(input, out));
    } catch (e) {
      // Bad magic or level: decided by the first four bytes alone, even when they are all there is.
      if (isCorrupt(e)) return;
      throw e;
    }
    probing = true;
  }
}

/**
 * Bad data, as opposed to input that ends early (which Python reports as an error too). seek-bzip
 * may misread the missing bits of a cut-short block as bad data, so an error raised once the whole
 * input has been consumed counts as truncation (a block's input is buffered before it is decoded).
 */
function isCorrupt(e: unknown, inp?: PullInput): boolean {
  return e instanceof ParseError && !/\(truncated\)/.test(e.message) && !(inp && inp.eof && inp.avail() === 0);
}
