// Byte sources: random access where the container allows it (files, stored archive members),
// progressive decompression where it does not. Every decompressing source counts its real output
// against the caps, because declared sizes in headers are attacker-controlled.
import { open, type FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { createGunzip, createInflateRaw, createBrotliDecompress, createUnzip, inflateRawSync } from 'node:zlib';
import { Readable, Transform as NodeTransform, type Transform } from 'node:stream';
import { Decompress } from 'fzstd';
import { LimitExceededError, ParseError } from '../core/errors.js';
import type { ByteSource } from '../core/types.js';
import type { ArchiveBudget } from '../core/limits.js';
import { HeldOutput } from './held-output.js';
import { crc32Update } from './crc32.js';
import { decodeBzip2 } from './codecs/bzip2.js';
import { decodeLzmaAlone, decodeXz } from './codecs/lzma.js';
import { decodeLz4 } from './codecs/lz4.js';

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
  /** The most bytes this member may decompress to (its decompressed size, not what is held in memory). */
  maxBytes: number;
  maxRatio: number;
  budget?: ArchiveBudget;
  /** Declared size from a header, if any; reads never trust it beyond the caps. */
  declaredSize?: number;
  label: string;
  /**
   * Forward-only use (a tar stream inside gzip/zstd): the reader calls discardBefore() as it moves
   * on, and `maxBytes` then bounds what is held in memory, not the whole stream, so a multi-GiB
   * layer streams through in constant memory. Reads behind the window fail instead of decoding
   * again (tar members are views that decode again on their own: see archive/tar-members.ts).
   * `maxTotal` still bounds the whole stream.
   */
  windowed?: boolean;
  /**
   * The decoded output comes from elsewhere (a tar member: a range of another stream's output):
   * called for each pass instead of starting a decoder over `input`; no input is consumed, so
   * `maxRatio` is left to the stream that decodes.
   */
  decoded?: () => AsyncIterator<Buffer>;
  maxTotal?: number;
  /**
   * A decoding error (corrupt or truncated data) ends the stream instead of failing reads: the
   * bytes decoded before the damage read as the whole stream, `size` is their count and `error`
   * still says what happened. Limits still throw. For analysing what a streaming loader would
   * have consumed before the damage.
   */
  salvage?: boolean;
  /** Overrides of DECOMPRESS_HEAD, DECOMPRESS_WINDOW and REDECODE_FACTOR (tests, tuning). */
  memory?: { head?: number; window?: number; redecodeFactor?: number };
}

/** Decompressed bytes kept from the start of a stream: sniffers, magic and header checks read there. */
export const DECOMPRESS_HEAD = 1024 * 1024;
/** Most recent decompressed bytes kept (besides the head): reads a little behind the current position. */
export const DECOMPRESS_WINDOW = 16 * 1024 * 1024;
/**
 * A read behind the window restarts the decoder from the input's beginning. The bytes decoded
 * again are capped at this many times the stream's length so far (at least one window), so no
 * access pattern turns into quadratic work: past it, reads throw LimitExceededError.
 */
export const REDECODE_FACTOR = 8;

const EMPTY = Buffer.alloc(0);
/** Decoder outputs shorter than this are joined into JOIN_SIZE buffers (see DecompressingSource.hold). */

/** zlib.crc32 (Node >= 20.15, native) when there, else the table-driven one: same chaining from 0. */
const nativeCrc = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
const crcUpdate = (crc: number, data: Uint8Array): number => (nativeCrc ? nativeCrc(data, crc) : crc32Update(crc, data));

/**
 * Decompresses on demand, so that sniffing a 4 GiB deflated member inflates only its first chunk.
 * Memory is bounded whatever the decompressed size: the first DECOMPRESS_HEAD bytes and the last
 * DECOMPRESS_WINDOW bytes produced are kept (plus what a single read asks for); a read behind that
 * decodes again from the start (bounded by REDECODE_FACTOR). Reads past `maxBytes`, a ratio beyond
 * `maxRatio` or a spent archive budget throw LimitExceededError instead of allocating. The CRC-32 of
 * the output is computed on the first pass (`crc32`, once the stream has ended cleanly).
 */
export class DecompressingSource implements ByteSource {
  /** The head and the window of the output this source holds. */
  private readonly out: HeldOutput;
  /** Output position of the current decoder pass. */
  private produced = 0;
  private consumed = 0;
  /** Furthest output position any pass reached: bytes below it were counted, budgeted and CRC'd. */
  private highWater = 0;
  private crc = 0;
  private crcOn = false;
  /** Decompressed size, once a pass reached the end (or, in salvage mode, the damage). */
  private total?: number;
  /** Bytes produced again after restarts, and restarts made. */
  private redecoded = 0;
  private restartCount = 0;
  private done = false;
  private iterator?: AsyncIterator<Buffer>;
  private pipeline?: Readable;
  private failure?: Error;

  private readonly windowMax: number;
  private readonly redecodeFactor: number;

  constructor(readonly input: ByteSource, readonly codec: Codec, readonly opts: DecompressOptions) {
    this.windowMax = opts.memory?.window ?? DECOMPRESS_WINDOW;
    this.out = new HeldOutput(opts.memory?.head ?? DECOMPRESS_HEAD, this.windowMax);
    this.redecodeFactor = opts.memory?.redecodeFactor ?? REDECODE_FACTOR;
  }

  /** Declared size (or "unknown": MAX_SAFE_INTEGER) until the stream has ended, then the true one. */
  get size(): number {
    return this.total ?? (this.opts.declaredSize ?? Number.MAX_SAFE_INTEGER);
  }

  /** Why decompression stopped early (corrupt or truncated data, a cap), if it did. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** After a decoding error: how many bytes decoded before the damage. */
  get decodedBeforeError(): number | undefined {
    return this.failure instanceof ParseError ? this.highWater : undefined;
  }

  /** True once decompression has finished (to its end, or stopped by an error). */
  get complete(): boolean {
    return this.total !== undefined || this.failure !== undefined;
  }

  /** CRC-32 of the whole output, once a pass has decoded it to its end without error (see trackCrc). */
  get crc32(): number | undefined {
    return this.crcOn && this.total !== undefined && !this.failure ? this.crc : undefined;
  }

  /**
   * Asks for the CRC-32 of the output, computed on the first pass as it is decoded: possible only
   * before any byte was produced (returns false after).
   */
  trackCrc(): boolean {
    if (this.highWater === 0) this.crcOn = true;
    return this.crcOn;
  }

  /**
   * Moves the source to another archive budget (a member handed from one reader to another):
   * the bytes produced so far are charged to it, later ones too. False when it has not enough left.
   */
  rebudget(budget: ArchiveBudget): boolean {
    this.opts.budget = budget;
    return this.highWater === 0 || budget.spend(this.highWater);
  }

  /** The whole output is held (it ended within the head and the window): reads never decode again. */
  get holdsAll(): boolean {
    return this.total !== undefined && this.produced === this.total && this.out.held > 0 && this.windowStart <= this.out.headLen && !this.failure;
  }

  /** Memory accounting (tests, bench): bytes held now, the most held at once, restarts made. */
  get stats(): { held: number; peakHeld: number; restarts: number; redecoded: number; buffers: number } {
    return { held: this.out.held, peakHeld: this.out.peak, restarts: this.restartCount, redecoded: this.redecoded, buffers: this.out.buffers };
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
    if (this.opts.decoded) return this.opts.decoded();
    const pull = PULL_DECODERS[this.codec];
    if (pull) return pull(counted()[Symbol.asyncIterator](), this.opts.label);
    const dec = decoder(this.codec as Exclude<Codec, 'bzip2' | 'xz' | 'lzma' | 'lz4'>);
    const from = Readable.from(counted());
    this.pipeline = from;
    from.on('error', (e) => dec.destroy(e)).pipe(dec);
    return dec[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  private stopDecoder(): void {
    const it = this.iterator;
    this.iterator = undefined;
    void it?.return?.()?.catch?.(() => undefined);
    this.pipeline?.destroy();
    this.pipeline = undefined;
  }

  private get windowStart(): number {
    return this.out.windowStart(this.produced);
  }

  /** Decodes again from the input's first byte (output already counted is not counted twice). */
  private restart(): void {
    if (this.redecoded >= this.redecodeAllowed()) this.tooManyRestarts();
    this.restartCount++;
    this.stopDecoder();
    this.out.dropWindow();
    this.produced = 0;
    this.consumed = 0;
    this.done = false;
  }

  private redecodeAllowed(): number {
    return this.redecodeFactor * Math.max(this.highWater, this.windowMax);
  }

  private tooManyRestarts(): never {
    this.fail(new LimitExceededError(`${this.opts.label}: reads jump back too often (${this.redecoded} bytes decompressed again, over ${this.redecodeFactor}x the stream): the rest was not examined`, 'maxEntryBytes'));
  }

  /** Drops held chunks from the front down to the window, never one that reaches past `keepFrom`. */
  private trim(keepFrom: number): void {
    this.out.trim(keepFrom);
  }

  /** First output offset past the head still held (or about to be decoded): reads from there on never decode again. */
  get heldFrom(): number {
    return this.windowStart;
  }

  private async fill(until: number, keepFrom: number): Promise<void> {
    if (this.failure && !this.salvageable()) throw this.failure;
    while (!this.done && this.produced < until) {
      this.iterator ??= this.start();
      let r: IteratorResult<Buffer>;
      try {
        r = await this.iterator.next();
      } catch (e) {
        this.done = true;
        this.iterator = undefined;
        // A decoder's own limit (e.g. LZMA history beyond the window kept) stays a limit finding.
        if (e instanceof LimitExceededError) this.fail(e);
        this.failure = new ParseError(`${this.opts.label}: corrupt or truncated ${this.codec} data (${e instanceof Error ? e.message : String(e)}) after ${this.produced} bytes`);
        if (this.opts.salvage) {
          this.total = this.produced;
          break;
        }
        throw this.failure;
      }
      if (r.done) {
        this.done = true;
        this.iterator = undefined;
        this.total = this.produced;
        break;
      }
      const c = r.value;
      if (c.length === 0) continue;
      const held = this.produced - this.windowStart;
      if (this.opts.windowed ? held + c.length > this.opts.maxBytes : this.produced + c.length > this.opts.maxBytes) {
        this.fail(new LimitExceededError(`${this.opts.label}: decompresses to more than ${this.opts.maxBytes} bytes${this.opts.windowed ? ' held at once' : ''}`, 'maxEntryBytes'));
      }
      if (this.opts.maxTotal !== undefined && this.produced + c.length > this.opts.maxTotal) {
        this.fail(new LimitExceededError(`${this.opts.label}: decompresses to more than ${this.opts.maxTotal} bytes`, 'maxArchiveTotalBytes'));
      }
      if (this.produced > 16 * 1024 * 1024 && this.produced / Math.max(1, this.consumed) > this.opts.maxRatio) {
        this.fail(new LimitExceededError(`${this.opts.label}: compression ratio above ${this.opts.maxRatio}:1 (decompression bomb?)`, 'maxCompressionRatio'));
      }
      const fresh = this.produced + c.length - this.highWater;
      if (fresh > 0) {
        // First time past here: budget, CRC and head see each output byte once.
        if (this.opts.budget && !this.opts.budget.spend(fresh)) {
          this.fail(new LimitExceededError(`${this.opts.label}: archive decompresses to more than ${this.opts.budget.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes'));
        }
        if (this.crcOn) this.crc = crcUpdate(this.crc, c.subarray(c.length - fresh));
        this.highWater += fresh;
      }
      if (fresh < c.length) {
        this.redecoded += c.length - Math.max(0, fresh);
        if (this.redecoded > this.redecodeAllowed()) this.tooManyRestarts();
      }
      // The head is a copied prefix (rebuilt by the next pass after close()).
      this.out.add(c, this.produced);
      this.produced += c.length;
      this.trim(keepFrom);
      this.out.notePeak();
    }
  }

  private salvageable(): boolean {
    return !!this.opts.salvage && this.failure instanceof ParseError;
  }

  private fail(e: Error): never {
    this.done = true;
    this.failure = e;
    this.stopDecoder();
    this.out.dropWindow();
    throw e;
  }

  /** Windowed mode: forget everything before `offset`; later reads there fail. */
  discardBefore(offset: number): void {
    this.out.discardBefore(offset);
  }

  async read(offset: number, length: number): Promise<Buffer> {
    if (this.failure && !this.salvageable()) throw this.failure;
    if (length <= 0) return EMPTY;
    const end = offset + length;
    if (end <= this.out.headLen) return this.out.head().subarray(offset, end);
    if (this.total !== undefined && offset >= this.total) return EMPTY;
    // Part of the range was produced and let go (between the head and the window): decode again
    // from the start, or fail for forward-only data.
    const ws = this.windowStart;
    if (offset < ws && Math.min(end, this.produced) > this.out.headLen && this.out.headLen < ws) {
      if (this.opts.windowed) throw new ParseError(`${this.opts.label}: offset ${offset} was already streamed past (forward-only data)`);
      this.restart();
    }
    await this.fill(end, offset);
    const stop = Math.min(this.produced, end);
    if (offset >= stop) return EMPTY;
    return this.out.slice(offset, stop);
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; ; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }

  /** Lets go of the decoder and every byte held; a later read decodes again from the start. */
  async close(): Promise<void> {
    this.stopDecoder();
    this.out.dropAll();
    this.produced = 0;
    this.consumed = 0;
    this.done = false;
  }
}

/**
 * Small deflated members (most archive members) are inflated in one synchronous call on first
 * read: far cheaper than a stream pipeline per member. Output is capped by maxOutputLength, so a
 * small bomb still cannot allocate more than the caps allow.
 */
export class InflatedSource implements ByteSource {
  private data?: Buffer;
  private crc?: number;
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

  /** CRC-32 of the member's bytes, once inflated (computed on first request). */
  get crc32(): number | undefined {
    if (this.data && this.crc === undefined) this.crc = crcUpdate(0, this.data);
    return this.crc;
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
