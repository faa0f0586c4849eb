// Byte sources: random access where the container allows it (files, stored archive members),
// progressive decompression where it does not. Every decompressing source counts its real output
// against the caps, because declared sizes in headers are attacker-controlled.
import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip, createInflateRaw, createBrotliDecompress, createUnzip } from 'node:zlib';
import { Readable, type Transform } from 'node:stream';
import { LimitExceededError } from '../core/errors.js';
import type { ByteSource } from '../core/types.js';
import type { ArchiveBudget } from '../core/limits.js';

const CHUNK = 1024 * 1024;

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
      await (await h).close().catch(() => undefined);
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
  private chunks: Buffer[] = [];
  private produced = 0;
  private consumed = 0;
  private done = false;
  private iterator?: AsyncIterator<Buffer>;
  private flat?: Buffer;
  private failure?: Error;

  constructor(readonly input: ByteSource, readonly codec: Codec, readonly opts: DecompressOptions) {}

  /** Declared size until the stream has ended, then the true one. */
  get size(): number {
    return this.done ? this.produced : (this.opts.declaredSize ?? this.opts.maxBytes);
  }

  /** True once decompression has finished; `size` is exact from then on. */
  get complete(): boolean {
    return this.done;
  }

  private start(): AsyncIterator<Buffer> {
    const dec = decoder(this.codec);
    const counted = async function* (this: DecompressingSource): AsyncIterable<Buffer> {
      for await (const c of this.input.stream(0)) {
        this.consumed += c.length;
        yield c;
      }
    }.call(this);
    Readable.from(counted).on('error', (e) => dec.destroy(e)).pipe(dec);
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
        this.failure = e instanceof Error ? e : new Error(String(e));
        throw this.failure;
      }
      if (r.done) {
        this.done = true;
        break;
      }
      const c = r.value;
      this.produced += c.length;
      if (this.produced > this.opts.maxBytes) {
        this.abort();
        throw (this.failure = new LimitExceededError(`${this.opts.label}: decompresses to more than ${this.opts.maxBytes} bytes`, 'maxEntryBytes'));
      }
      if (this.produced > 16 * 1024 * 1024 && this.produced / Math.max(1, this.consumed) > this.opts.maxRatio) {
        this.abort();
        throw (this.failure = new LimitExceededError(`${this.opts.label}: compression ratio above ${this.opts.maxRatio}:1 (decompression bomb?)`, 'maxCompressionRatio'));
      }
      if (this.opts.budget && !this.opts.budget.spend(c.length)) {
        this.abort();
        throw (this.failure = new LimitExceededError(`${this.opts.label}: archive decompresses to more than ${this.opts.budget.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes'));
      }
      this.chunks.push(c);
      this.flat = undefined;
    }
  }

  private abort(): void {
    this.done = true;
    void this.iterator?.return?.();
  }

  private buffer(): Buffer {
    if (!this.flat) {
      this.flat = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [this.flat];
    }
    return this.flat;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    await this.fill(offset + length);
    const b = this.buffer();
    return b.subarray(Math.min(offset, b.length), Math.min(b.length, offset + length));
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; ; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }

  async close(): Promise<void> {
    this.abort();
    this.chunks = [];
    this.flat = undefined;
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
