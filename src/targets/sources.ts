// Byte sources: random access where the container allows it (files, stored archive members),
// progressive decompression where it does not. Every decompressing source counts its real output
// against the caps, because declared sizes in headers are attacker-controlled.
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip, createInflateRaw, createBrotliDecompress, createUnzip, inflateRawSync } from 'node:zlib';
import { Readable, Transform as NodeTransform, type Transform } from 'node:stream';
import { Decompress } from 'fzstd';
import { LimitExceededError, ParseError } from '../core/errors.js';
import type { ByteSource } from '../core/types.js';
import type { ArchiveBudget } from '../core/limits.js';
import { decodeBzip2 } from './archive/codecs/bzip2.js';
import { decodeLzmaAlone, decodeXz } from './archive/codecs/lzma.js';
import { decodeLz4 } from './archive/codecs/lz4.js';

const CHUNK = 1024 * 1024;
const INPUT_CHUNK = 64 * 1024;

/** Files up to this size are read in one call and served from memory (most repo files). */
const SMALL_FILE = 256 * 1024;

export class FileSource implements ByteSource {
  private handle?: Promise<FileHandle>;
  private whole?: Buffer;
  bytesRead = 0;
  constructor(readonly file: string, readonly size: number) {}

  private fh(): Promise<FileHandle> {
    this.handle ??= open(this.file, 'r');
    return this.handle;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    if (len === 0) return Buffer.alloc(0);
    if (this.size <= SMALL_FILE) {
      // Sniffing, text decoding and format checks all read the same small file: one syscall serves them.
      this.whole ??= await this.readRange(0, this.size);
      return this.whole.subarray(offset, Math.min(this.whole.length, offset + len));
    }
    return this.readRange(offset, len);
  }

  private async readRange(offset: number, len: number): Promise<Buffer> {
    const fh = await this.fh();
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await fh.read(buf, got, len - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.bytesRead += got;
    return got === len ? buf : buf.subarray(0, got);
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; off < this.size; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }

  async close(): Promise<void> {
    this.whole = undefined;
    if (this.handle) {
      const h = this.handle;
      this.handle = undefined;
      await h.then((fh) => fh.close(), () => undefined).catch(() => undefined);
    }
  }
}

export class MemorySource implements ByteSource {
  constructor(readonly buf: Buffer) {}
  get size(): number {
    return this.buf.length;
  }
  async read(offset: number, length: number): Promise<Buffer> {
    return this.buf.subarray(offset, Math.min(this.buf.length, offset + length));
  }
  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; off < this.buf.length; off += CHUNK) yield this.buf.subarray(off, off + CHUNK);
  }
}

/** A window [start, start+size) of another source: stored zip members, tar members. */
export class SliceSource implements ByteSource {
  constructor(readonly parent: ByteSource, readonly start: number, readonly size: number) {}
  read(offset: number, length: number): Promise<Buffer> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    return this.parent.read(this.start + offset, len);
  }
  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; off < this.size; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }
}

export type Codec = 'deflate-raw' | 'gzip' | 'zlib' | 'brotli' | 'zstd' | 'bzip2' | 'xz' | 'lzma' | 'lz4';

/** Codecs decoded by a pull-based generator (no Node stream): they decode only what is asked for. */
const PULL_DECODERS: Partial<Record<Codec, (input: AsyncIterator<Buffer>, label: string) => AsyncGenerator<Buffer>>> = {
  bzip2: decodeBzip2,
  xz: decodeXz,
  lzma: decodeLzmaAlone,
  lz4: decodeLz4,
};

/** Zstandard (container layers): Node 20 has no built-in decoder, fzstd is pure JS. */
function zstdDecoder(): Transform {
  let dec: Decompress;
  const stream = new NodeTransform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        dec.push(chunk);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        dec.push(new Uint8Array(0), true);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  dec = new Decompress((data) => {
    stream.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  return stream;
}

function decoder(codec: Exclude<Codec, 'bzip2' | 'xz' | 'lzma' | 'lz4'>): Transform {
  switch (codec) {
    case 'zstd':
      return zstdDecoder();
    case 'deflate-raw':
      return createInflateRaw();
    case 'gzip':
      return createGunzip();
    case 'zlib':
      return createUnzip();
    case 'brotli':
      return createBrotliDecompress();
  }
}

export interface DecompressOptions {
  /** The most bytes this member may decompress to. */
  maxBytes: number;
  maxRatio: number;
  budget?: ArchiveBudget;
  /** Declared size from a header, if any; reads never trust it beyond the caps. */
  declaredSize?: number;
  label: string;
  /**
   * Forward-only use (a tar stream inside gzip/zstd): the reader calls discardBefore() as it moves
   * on, and `maxBytes` then bounds what is held in memory, not the whole stream, so a multi-GiB
   * layer streams through in constant memory. `maxTotal` still bounds the whole stream.
   */
  windowed?: boolean;
  maxTotal?: number;
}

/**
 * Decompresses on demand and keeps what it produced, so that sniffing a 4 GiB deflated member
 * inflates only its first chunk. Reads past `maxBytes`, a ratio beyond `maxRatio` or a spent archive
 * budget throw LimitExceededError instead of allocating.
 */
export class DecompressingSource implements ByteSource {
  /** Produced chunks and the offset each starts at: reads copy only the range they need. */
  private chunks: Buffer[] = [];
  private starts: number[] = [];
  private produced = 0;
  private consumed = 0;
  /** Bytes dropped from the front (windowed mode). */
  private dropped = 0;
  private done = false;
  private iterator?: AsyncIterator<Buffer>;
  private failure?: Error;

  constructor(readonly input: ByteSource, readonly codec: Codec, readonly opts: DecompressOptions) {}

  /** Declared size (or "unknown": MAX_SAFE_INTEGER) until the stream has ended, then the true one. */
  get size(): number {
    return this.done && !this.failure ? this.produced : (this.opts.declaredSize ?? Number.MAX_SAFE_INTEGER);
  }

  /** Why decompression stopped early (corrupt or truncated data, a cap), if it did. */
  get error(): Error | undefined {
    return this.failure;
  }

  /**
   * After a decoding error: the bytes produced before it (the decoders hand out what they decoded
   * up to the damage), or undefined when some were already discarded (windowed mode) or a cap hit.
   */
  salvaged(): Buffer | undefined {
    if (!(this.failure instanceof ParseError) || this.dropped > 0 || this.chunks.length === 0) return undefined;
    return Buffer.concat(this.chunks, this.produced);
  }

  /** True once decompression has finished; `size` is exact from then on. */
  get complete(): boolean {
    return this.done;
  }

  private start(): AsyncIterator<Buffer> {
    // Small input chunks keep the ratio measurement honest: a bomb is caught after 64 KiB of input.
    const input = this.input;
    const self = this;
    const counted = async function* (): AsyncIterable<Buffer> {
      for await (const c of input.stream(0)) {
        for (let i = 0; i < c.length; i += INPUT_CHUNK) {
          const part = c.subarray(i, i + INPUT_CHUNK);
          self.consumed += part.length;
          yield part;
        }
      }
    };
    const pull = PULL_DECODERS[this.codec];
    if (pull) return pull(counted()[Symbol.asyncIterator](), this.opts.label);
    const dec = decoder(this.codec as Exclude<Codec, 'bzip2' | 'xz' | 'lzma' | 'lz4'>);
    Readable.from(counted()).on('error', (e) => dec.destroy(e)).pipe(dec);
    return dec[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private async fill(until: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.iterator ??= this.start();
    while (!this.done && this.produced < until) {
      let r: IteratorResult<Buffer>;
      try {
        r = await this.iterator.next();
      } catch (e) {
        this.done = true;
        // A decoder's own limit (e.g. LZMA history beyond the window kept) stays a limit finding.
        if (e instanceof LimitExceededError) throw (this.failure = e);
        this.failure = new ParseError(`${this.opts.label}: corrupt or truncated ${this.codec} data (${e instanceof Error ? e.message : String(e)}) after ${this.produced} bytes`);
        throw this.failure;
      }
      if (r.done) {
        this.done = true;
        break;
      }
      const c = r.value;
      if (this.produced - this.dropped + c.length > this.opts.maxBytes) {
        this.fail(new LimitExceededError(`${this.opts.label}: decompresses to more than ${this.opts.maxBytes} bytes${this.opts.windowed ? ' held at once' : ''}`, 'maxEntryBytes'));
      }
      if (this.opts.maxTotal !== undefined && this.produced + c.length > this.opts.maxTotal) {
        this.fail(new LimitExceededError(`${this.opts.label}: decompresses to more than ${this.opts.maxTotal} bytes`, 'maxArchiveTotalBytes'));
      }
      if (this.produced > 16 * 1024 * 1024 && this.produced / Math.max(1, this.consumed) > this.opts.maxRatio) {
        this.fail(new LimitExceededError(`${this.opts.label}: compression ratio above ${this.opts.maxRatio}:1 (decompression bomb?)`, 'maxCompressionRatio'));
      }
      if (this.opts.budget && !this.opts.budget.spend(c.length)) {
        this.fail(new LimitExceededError(`${this.opts.label}: archive decompresses to more than ${this.opts.budget.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes'));
      }
      this.starts.push(this.produced);
      this.chunks.push(c);
      this.produced += c.length;
    }
  }

  private fail(e: Error): never {
    this.done = true;
    this.failure = e;
    void this.iterator?.return?.();
    this.chunks = [];
    this.starts = [];
    throw e;
  }

  /** Windowed mode: forget everything before `offset`; later reads there fail. */
  discardBefore(offset: number): void {
    let n = 0;
    while (n < this.chunks.length && this.starts[n] + this.chunks[n].length <= offset) n++;
    if (n === 0) return;
    this.dropped = this.starts[n - 1] + this.chunks[n - 1].length;
    this.chunks.splice(0, n);
    this.starts.splice(0, n);
  }

  /** Index of the chunk holding `offset` (binary search over chunk starts). */
  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    await this.fill(offset + length);
    const end = Math.min(this.produced, offset + length);
    if (offset >= end) return Buffer.alloc(0);
    if (offset < this.dropped) throw new ParseError(`${this.opts.label}: offset ${offset} was already streamed past (forward-only data)`);
    let i = this.chunkAt(offset);
    const first = this.chunks[i];
    const rel = offset - this.starts[i];
    if (rel + (end - offset) <= first.length) return first.subarray(rel, rel + (end - offset));
    const parts: Buffer[] = [first.subarray(rel)];
    let got = first.length - rel;
    while (got < end - offset) {
      const c = this.chunks[++i];
      const take = Math.min(c.length, end - offset - got);
      parts.push(c.subarray(0, take));
      got += take;
    }
    return Buffer.concat(parts, got);
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; ; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }

  async close(): Promise<void> {
    this.done = true;
    void this.iterator?.return?.();
    this.chunks = [];
    this.starts = [];
  }
}

/**
 * Small deflated members (most archive members) are inflated in one synchronous call on first
 * read: far cheaper than a stream pipeline per member. Output is capped by maxOutputLength, so a
 * small bomb still cannot allocate more than the caps allow.
 */
export class InflatedSource implements ByteSource {
  private data?: Buffer;
  constructor(readonly input: ByteSource, readonly compressedSize: number, readonly opts: DecompressOptions) {}

  get size(): number {
    return this.data?.length ?? this.opts.declaredSize ?? this.opts.maxBytes;
  }

  private async load(): Promise<Buffer> {
    if (this.data) return this.data;
    const raw = await this.input.read(0, this.compressedSize);
    const cap = Math.min(this.opts.maxBytes, Math.max(16 * 1024 * 1024, raw.length * this.opts.maxRatio));
    let out: Buffer;
    try {
      out = inflateRawSync(raw, { maxOutputLength: cap + 1 });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') {
        throw new LimitExceededError(
          cap === this.opts.maxBytes ? `${this.opts.label}: decompresses to more than ${this.opts.maxBytes} bytes` : `${this.opts.label}: compression ratio above ${this.opts.maxRatio}:1 (decompression bomb?)`,
          cap === this.opts.maxBytes ? 'maxEntryBytes' : 'maxCompressionRatio',
        );
      }
      throw new ParseError(`${this.opts.label}: corrupt or truncated deflate data (${(e as Error).message})`);
    }
    if (out.length > cap) throw new LimitExceededError(`${this.opts.label}: compression ratio above ${this.opts.maxRatio}:1 (decompression bomb?)`, 'maxCompressionRatio');
    if (this.opts.budget && !this.opts.budget.spend(out.length)) {
      throw new LimitExceededError(`${this.opts.label}: archive decompresses to more than ${this.opts.budget.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes');
    }
    this.data = out;
    return out;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const d = await this.load();
    return d.subarray(Math.min(offset, d.length), Math.min(d.length, offset + length));
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    const d = await this.load();
    for (let off = start; off < d.length; off += CHUNK) yield d.subarray(off, off + CHUNK);
  }

  async close(): Promise<void> {
    this.data = undefined;
  }
}

/** Reads a source whole, refusing more than `max` bytes. */
export async function readAll(src: ByteSource, max: number, label: string): Promise<Buffer> {
  if (src instanceof MemorySource) {
    if (src.size > max) throw new LimitExceededError(`${label}: ${src.size} bytes is over the ${max}-byte limit`, 'maxEntryBytes');
    return src.buf;
  }
  if (!(src instanceof DecompressingSource) && !(src instanceof InflatedSource) && src.size > max) {
    throw new LimitExceededError(`${label}: ${src.size} bytes is over the ${max}-byte limit`, 'maxEntryBytes');
  }
  const parts: Buffer[] = [];
  let total = 0;
  for await (const c of src.stream(0)) {
    total += c.length;
    if (total > max) throw new LimitExceededError(`${label}: more than the ${max}-byte limit`, 'maxEntryBytes');
    parts.push(c);
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}
