// Byte sources: random access where the container allows it (files, stored archive members),
// progressive decompression where it does not. Every decompressing source counts its real output
// against the caps, because declared sizes in headers are attacker-controlled.
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip, createInflateRaw, createBrotliDecompress, createUnzip } from 'node:zlib';
import { Readable, type Transform } from 'node:stream';
import { LimitExceededError, ParseError } from '../core/errors.js';
import type { ByteSource } from '../core/types.js';
import type { ArchiveBudget } from '../core/limits.js';

const CHUNK = 1024 * 1024;
const INPUT_CHUNK = 64 * 1024;

export class FileSource implements ByteSource {
  private handle?: Promise<FileHandle>;
  bytesRead = 0;
  constructor(readonly file: string, readonly size: number) {}

  private fh(): Promise<FileHandle> {
    this.handle ??= open(this.file, 'r');
    return this.handle;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    if (len === 0) return Buffer.alloc(0);
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

export type Codec = 'deflate-raw' | 'gzip' | 'zlib' | 'brotli';

function decoder(codec: Codec): Transform {
  switch (codec) {
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
  private done = false;
  private iterator?: AsyncIterator<Buffer>;
  private failure?: Error;

  constructor(readonly input: ByteSource, readonly codec: Codec, readonly opts: DecompressOptions) {}

  /** Declared size until the stream has ended, then the true one. */
  get size(): number {
    return this.done && !this.failure ? this.produced : (this.opts.declaredSize ?? this.opts.maxBytes);
  }

  /** True once decompression has finished; `size` is exact from then on. */
  get complete(): boolean {
    return this.done;
  }

  private start(): AsyncIterator<Buffer> {
    const dec = decoder(this.codec);
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
        this.failure = new ParseError(`${this.opts.label}: corrupt or truncated ${this.codec} data (${e instanceof Error ? e.message : String(e)}) after ${this.produced} bytes`);
        throw this.failure;
      }
      if (r.done) {
        this.done = true;
        break;
      }
      const c = r.value;
      if (this.produced + c.length > this.opts.maxBytes) {
        this.fail(new LimitExceededError(`${this.opts.label}: decompresses to more than ${this.opts.maxBytes} bytes`, 'maxEntryBytes'));
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

/** Reads a source whole, refusing more than `max` bytes. */
export async function readAll(src: ByteSource, max: number, label: string): Promise<Buffer> {
  if (src instanceof MemorySource) {
    if (src.size > max) throw new LimitExceededError(`${label}: ${src.size} bytes is over the ${max}-byte limit`, 'maxEntryBytes');
    return src.buf;
  }
  if (!(src instanceof DecompressingSource) && src.size > max) {
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
