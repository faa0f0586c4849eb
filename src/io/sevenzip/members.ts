// 7z members in archive order, as byte sources. Files of a solid folder are consecutive slices of
// one decoded stream. A member holds what DecompressingSource holds for a zip or gzip member: its
// first DECOMPRESS_HEAD bytes and the last DECOMPRESS_WINDOW bytes decoded (plus what one read asks
// for), whatever its size. A read behind that decodes the folder again from its start, through the
// files before this one, up to the bytes asked for; the bytes decoded again are capped at
// REDECODE_FACTOR times the folder's output so far (at least one window), past which reads throw
// LimitExceededError. When the consumer is done with a member, `finish` decodes and discards
// whatever it did not reach, so the next member starts where this one ends. Every decoded byte
// counts once against the archive budget (not again when decoded again) and every pass against
// the folder's compression ratio; the member's CRC is taken on the first pass over each byte.
import * as zlib from 'node:zlib';
import { crc32Update } from '../crc32.js';
import { HeldOutput } from '../held-output.js';
import { LimitExceededError, ParseError } from '../../core/errors.js';
import type { ArchiveBudget } from '../../core/limits.js';
import type { ByteSource } from '../../core/types.js';
import { DECOMPRESS_HEAD, DECOMPRESS_WINDOW, REDECODE_FACTOR, SliceSource } from '../sources.js';
import { packOffsets, type SevenZipArchive } from './archive.js';
import { decodeFolder, folderChain, UnsupportedCoderError, type PackedRead } from './folder.js';
import type { FileItem } from './header.js';

const CHUNK = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/** zlib's native CRC-32 where Node has it (20.15+), the table version otherwise. */
const nativeCrc = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
const crcUpdate: (crc: number, data: Uint8Array) => number = nativeCrc ? (crc, data) => nativeCrc(data, crc) : crc32Update;

export interface MemberCaps {
  maxBytes: number;
  maxRatio: number;
  budget?: ArchiveBudget;
  label: string;
  /** Overrides of DECOMPRESS_HEAD, DECOMPRESS_WINDOW and REDECODE_FACTOR (tests, tuning). */
  memory?: { head?: number; window?: number; redecodeFactor?: number };
}

/** A folder's decoder over its packed stream, and the packed-byte counter it updates. */
type OpenFolder = () => { it: AsyncIterator<Buffer>; counter: PackedRead };

/** A folder's output, handed out in pieces of at most the size asked for; restartable from its start. */
class FolderStream {
  private it?: AsyncIterator<Buffer>;
  private counter: PackedRead = { consumed: 0 };
  private carry?: Buffer;
  /** Decoder output of the current pass. */
  private produced = 0;
  /** Furthest decoder output of any pass: bytes below it were charged to the budget already. */
  private highWater = 0;
  failure?: Error;
  constructor(private readonly open: OpenFolder, private readonly caps: MemberCaps) {}

  /** Position in the folder's output of the next byte `take` hands out. */
  get position(): number {
    return this.produced - (this.carry?.length ?? 0);
  }

  async take(max: number): Promise<Buffer | undefined> {
    if (this.failure) throw this.failure;
    try {
      if (!this.carry || this.carry.length === 0) {
        if (!this.it) ({ it: this.it, counter: this.counter } = this.open());
        const r = await this.it.next();
        if (r.done) return undefined;
        this.carry = r.value;
        this.produced += r.value.length;
        const fresh = this.produced - this.highWater;
        if (fresh > 0) {
          this.highWater = this.produced;
          if (this.caps.budget && !this.caps.budget.spend(fresh)) {
            throw new LimitExceededError(`${this.caps.label}: archive decompresses to more than ${this.caps.budget.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes');
          }
        }
        if (this.produced > 16 * 1024 * 1024 && this.produced / Math.max(1, this.counter.consumed) > this.caps.maxRatio) {
          throw new LimitExceededError(`${this.caps.label}: compression ratio above ${this.caps.maxRatio}:1 (decompression bomb?)`, 'maxCompressionRatio');
        }
      }
      const out = this.carry.subarray(0, max);
      this.carry = this.carry.subarray(out.length);
      return out;
    } catch (e) {
      this.failure = e instanceof LimitExceededError || e instanceof ParseError ? e : new ParseError(`${this.caps.label}: corrupt 7z data (${e instanceof Error ? e.message : String(e)})`);
      this.close();
      throw this.failure;
    }
  }

  /** Drops the decoder: the next `take` decodes the folder again from its first byte. */
  restart(): void {
    if (this.failure) throw this.failure;
    this.close();
    this.carry = undefined;
    this.produced = 0;
  }

  close(): void {
    const it = this.it;
    this.it = undefined;
    it?.return?.()?.catch(() => undefined);
  }
}

/** One file of a folder: reads decode the folder forward up to the bytes asked for. */
export class SevenZipMemberSource implements ByteSource {
  /** The member's head and window of decoded bytes (offsets are member offsets). */
  private readonly out: HeldOutput;
  /** Member position of the current pass. */
  private have = 0;
  /** Furthest member position any pass reached: bytes below it were CRC'd (and budgeted). */
  private highWater = 0;
  /** The member's first byte, in the folder's output. */
  private readonly base: number;
  private crc = 0;
  private closed = false;
  /** The restart cap tripped: later reads throw it (finish still moves the folder on). */
  private failure?: Error;
  private redecoded = 0;
  private restartCount = 0;
  private readonly windowMax: number;
  private readonly redecodeFactor: number;
  /** Most bytes one pull takes from the folder. */
  private readonly pullMax: number;

  constructor(private readonly folder: FolderStream, readonly size: number, private readonly caps: MemberCaps, private readonly expectedCrc?: number) {
    this.base = folder.position;
    this.windowMax = caps.memory?.window ?? DECOMPRESS_WINDOW;
    this.out = new HeldOutput(caps.memory?.head ?? DECOMPRESS_HEAD, this.windowMax);
    this.redecodeFactor = caps.memory?.redecodeFactor ?? REDECODE_FACTOR;
    this.pullMax = Math.max(1, Math.min(CHUNK, this.windowMax));
  }

  /** Memory accounting (tests, bench): bytes held now, the most held at once, restarts made, bytes decoded again. */
  get stats(): { held: number; peakHeld: number; restarts: number; redecoded: number } {
    return { held: this.out.held, peakHeld: this.out.peak, restarts: this.restartCount, redecoded: this.redecoded };
  }

  private async pull(max: number, capped: boolean): Promise<Buffer> {
    const c = await this.folder.take(max);
    if (!c) throw new ParseError(`${this.caps.label}: 7z data ends after ${this.have} of the ${this.size} bytes declared for this file (truncated or corrupt)`);
    const fresh = this.have + c.length - this.highWater;
    if (fresh > 0) {
      // First time past here: the CRC sees each byte once, in order.
      this.crc = crcUpdate(this.crc, fresh < c.length ? c.subarray(c.length - fresh) : c);
      this.highWater += fresh;
    }
    this.have += c.length;
    if (fresh < c.length) this.countRedecoded(c.length - Math.max(0, fresh), capped);
    return c;
  }

  private redecodeAllowed(): number {
    return this.redecodeFactor * Math.max(this.base + this.highWater, this.windowMax);
  }

  private countRedecoded(n: number, capped: boolean): void {
    this.redecoded += n;
    if (capped && this.redecoded > this.redecodeAllowed()) this.tooManyRestarts();
  }

  private tooManyRestarts(): never {
    this.failure = new LimitExceededError(`${this.caps.label}: reads jump back too often (${this.redecoded} bytes decompressed again, over ${this.redecodeFactor}x the 7z data before them): the rest was not examined`, 'maxEntryBytes');
    this.out.dropWindow();
    throw this.failure;
  }

  /**
   * Decodes the folder again from its start and through the files before this one. The skip is
   * checked against the cap before it starts and never stopped half-way, so the folder's position
   * stays the member's start plus `have` whatever fails later.
   */
  private async restart(): Promise<void> {
    if (this.redecoded + this.base >= this.redecodeAllowed()) this.tooManyRestarts();
    this.restartCount++;
    this.out.dropWindow();
    this.have = 0;
    this.folder.restart();
    for (let skip = this.base; skip > 0; ) {
      const c = await this.folder.take(Math.min(CHUNK, skip));
      if (!c) throw (this.failure = new ParseError(`${this.caps.label}: 7z data ends before this file on decoding it again (corrupt)`));
      skip -= c.length;
      this.countRedecoded(c.length, false);
    }
  }

  private get windowStart(): number {
    return this.out.windowStart(this.have);
  }

  private async fill(until: number, keepFrom: number): Promise<void> {
    const target = Math.min(until, this.size);
    while (this.have < target) {
      if (this.have >= this.caps.maxBytes) throw new LimitExceededError(`${this.caps.label}: decompresses to more than ${this.caps.maxBytes} bytes`, 'maxEntryBytes');
      const at = this.have;
      const c = await this.pull(Math.min(this.pullMax, this.size - at, this.caps.maxBytes - at), true);
      if (this.closed) continue;
      // The head is a copied prefix; the window holds the decoder's chunks.
      this.out.add(c, at);
      this.out.trim(keepFrom);
      this.out.notePeak();
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    if (this.failure) throw this.failure;
    if (this.closed || length <= 0 || offset >= this.size) return EMPTY;
    const end = Math.min(offset + length, this.size);
    if (end <= this.out.headLen) return this.out.head().subarray(offset, end);
    // Part of the range was decoded and let go (between the head and the window): decode again.
    if (offset < this.windowStart && Math.min(end, this.have) > this.out.headLen && this.out.headLen < this.windowStart) await this.restart();
    await this.fill(end, offset);
    const stop = Math.min(this.have, end);
    if (offset >= stop) return EMPTY;
    return this.out.slice(offset, stop);
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; off < this.size; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }

  private drop(): void {
    this.closed = true;
    this.out.dropAll();
  }

  async close(): Promise<void> {
    this.drop();
  }

  /**
   * Decodes (and drops) the rest of this file, so the folder stands at the next one; returns a CRC
   * problem, if any. Catching up after a restart is bounded by the file's size and not capped.
   */
  async finish(): Promise<string | undefined> {
    this.drop();
    while (this.have < this.size) await this.pull(Math.min(CHUNK, this.size - this.have), false);
    if (this.expectedCrc !== undefined && this.crc !== this.expectedCrc) return `${this.caps.label}: CRC mismatch (the data decoded is not what the archive says it holds)`;
    return undefined;
  }
}

export type MemberEvent =
  | { kind: 'file'; item: FileItem; source: ByteSource; finish?: () => Promise<string | undefined> }
  | { kind: 'skipped'; item: FileItem; error: Error };

/** Files in archive order; a member whose folder cannot be decoded comes out as 'skipped'. */
export async function* sevenZipMembers(src: ByteSource, archive: SevenZipArchive, caps: Omit<MemberCaps, 'label'> & { label: string }): AsyncGenerator<MemberEvent> {
  const { header } = archive;
  const s = header.streams;
  const offs = s ? packOffsets(s) : [];
  let folderIndex = 0;
  let inFolder = 0;
  let stream = 0;
  let current: FolderStream | undefined;
  let folderError: Error | undefined;
  try {
    for (const item of header.files) {
      if (!item.hasStream) {
        yield { kind: 'file', item, source: new SliceSource(src, 0, 0) };
        continue;
      }
      if (!s) throw new ParseError(`${caps.label}: corrupt 7z header (a file has data but the archive has no streams)`);
      // Move to the folder holding the next stream (folders may hold no file at all).
      while (folderIndex < s.folders.length && inFolder >= s.numUnpackStreams[folderIndex]) {
        folderIndex++;
        inFolder = 0;
        current?.close();
        current = undefined;
        folderError = undefined;
      }
      if (folderIndex >= s.folders.length) throw new ParseError(`${caps.label}: corrupt 7z header (more files with data than streams)`);
      const f = s.folders[folderIndex];
      const size = s.subSizes[stream];
      const crc = s.subCrcs[stream];
      stream++;
      inFolder++;
      const label = `${caps.label}!${item.name}`;
      if (!current && !folderError) {
        try {
          const { packIndex } = folderChain(f, label);
          const pi = f.firstPackStream + packIndex;
          const packed = new SliceSource(src, offs[pi], s.packSizes[pi]);
          const open: OpenFolder = () => {
            const counter: PackedRead = { consumed: 0 };
            return { it: decodeFolder(f, packed, s.packSizes[pi], counter, caps.label)[Symbol.asyncIterator](), counter };
          };
          current = new FolderStream(open, { ...caps, label: caps.label });
        } catch (e) {
          folderError = e as Error;
        }
      }
      if (folderError) {
        yield { kind: 'skipped', item, error: folderError instanceof UnsupportedCoderError ? new UnsupportedCoderError(`${label}: ${folderError.message.replace(/^.*?: 7z/, '7z')}`, folderError.coder) : folderError };
        continue;
      }
      if (current!.failure) {
        const why = `${label}: not scanned: decoding the solid block holding it stopped before it (${current!.failure.message})`;
        yield { kind: 'skipped', item, error: current!.failure instanceof LimitExceededError ? new LimitExceededError(why, current!.failure.limit) : new ParseError(why) };
        continue;
      }
      const member = new SevenZipMemberSource(current!, size, { ...caps, label }, crc);
      yield { kind: 'file', item, source: member, finish: () => member.finish() };
    }
  } finally {
    current?.close();
  }
}
