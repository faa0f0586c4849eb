// 7z members in archive order, as byte sources. Files of a solid folder are consecutive slices of
// one decoded stream: each member keeps only its own bytes (bounded by maxEntryBytes), and when
// the consumer is done with it, `finish` decodes and discards whatever it did not read, so the
// next member starts where this one ends. Every decoded byte counts against the archive budget
// and the folder's compression ratio, whether kept or skipped.
import * as zlib from 'node:zlib';
import { crc32Update } from '../../../core/crc32.js';
import { LimitExceededError, ParseError } from '../../../core/errors.js';
import type { ArchiveBudget } from '../../../core/limits.js';
import type { ByteSource } from '../../../core/types.js';
import { SliceSource } from '../../sources.js';
import { packOffsets, type SevenZipArchive } from './archive.js';
import { decodeFolder, folderChain, UnsupportedCoderError, type PackedRead } from './folder.js';
import type { FileItem } from './header.js';

const CHUNK = 1024 * 1024;

/** zlib's native CRC-32 where Node has it (20.15+), the table version otherwise. */
const nativeCrc = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
const crcUpdate: (crc: number, data: Uint8Array) => number = nativeCrc ? (crc, data) => nativeCrc(data, crc) : crc32Update;

export interface MemberCaps {
  maxBytes: number;
  maxRatio: number;
  budget?: ArchiveBudget;
  label: string;
}

/** A folder's output, handed out in pieces of at most the size asked for. */
class FolderStream {
  private carry?: Buffer;
  private produced = 0;
  failure?: Error;
  constructor(private readonly it: AsyncIterator<Buffer>, private readonly counter: PackedRead, private readonly caps: MemberCaps) {}

  async take(max: number): Promise<Buffer | undefined> {
    if (this.failure) throw this.failure;
    try {
      if (!this.carry || this.carry.length === 0) {
        const r = await this.it.next();
        if (r.done) return undefined;
        this.carry = r.value;
        this.produced += r.value.length;
        if (this.caps.budget && !this.caps.budget.spend(r.value.length)) {
          throw new LimitExceededError(`${this.caps.label}: archive decompresses to more than ${this.caps.budget.limits.maxArchiveTotalBytes} bytes in total`, 'maxArchiveTotalBytes');
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

  close(): void {
    this.it.return?.()?.catch(() => undefined);
  }
}

/** One file of a folder: reads decode the folder forward up to the bytes asked for. */
export class SevenZipMemberSource implements ByteSource {
  private chunks: Buffer[] = [];
  private starts: number[] = [];
  private have = 0;
  private crc = 0;
  private closed = false;
  constructor(private readonly folder: FolderStream, readonly size: number, private readonly caps: MemberCaps, private readonly expectedCrc?: number) {}

  private async pull(max: number): Promise<Buffer> {
    const c = await this.folder.take(max);
    if (!c) throw new ParseError(`${this.caps.label}: 7z data ends after ${this.have} of the ${this.size} bytes declared for this file (truncated or corrupt)`);
    this.crc = crcUpdate(this.crc, c);
    this.have += c.length;
    return c;
  }

  private async fill(until: number): Promise<void> {
    const target = Math.min(until, this.size);
    while (this.have < target) {
      if (this.have >= this.caps.maxBytes) throw new LimitExceededError(`${this.caps.label}: decompresses to more than ${this.caps.maxBytes} bytes`, 'maxEntryBytes');
      const at = this.have;
      const c = await this.pull(Math.min(CHUNK, this.size - this.have, this.caps.maxBytes - this.have));
      if (!this.closed) {
        this.starts.push(at);
        this.chunks.push(c);
      }
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    await this.fill(offset + length);
    const end = Math.min(this.have, offset + length);
    if (offset >= end || this.chunks.length === 0) return Buffer.alloc(0);
    // Binary search for the chunk holding `offset`: parsers make many small reads.
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const first = this.chunks[lo];
    const rel = offset - this.starts[lo];
    if (rel + (end - offset) <= first.length) return first.subarray(rel, rel + (end - offset));
    const parts: Buffer[] = [first.subarray(rel)];
    let got = first.length - rel;
    for (let i = lo + 1; got < end - offset; i++) {
      const c = this.chunks[i];
      const take = Math.min(c.length, end - offset - got);
      parts.push(c.subarray(0, take));
      got += take;
    }
    return Buffer.concat(parts, got);
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; off < this.size; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.chunks = [];
    this.starts = [];
  }

  /** Decodes (and drops) the rest of this file; returns a CRC problem, if any. */
  async finish(): Promise<string | undefined> {
    this.closed = true;
    this.chunks = [];
    this.starts = [];
    while (this.have < this.size) await this.pull(Math.min(CHUNK, this.size - this.have));
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
          const counter: PackedRead = { consumed: 0 };
          const packed = new SliceSource(src, offs[pi], s.packSizes[pi]);
          current = new FolderStream(decodeFolder(f, packed, s.packSizes[pi], counter, caps.label)[Symbol.asyncIterator](), counter, { ...caps, label: caps.label });
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
