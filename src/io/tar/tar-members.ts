// Tar members as byte sources. On a random-access source (a tar on disk, a stored zip member) a
// member is a slice of it. On a forward-only decoded stream (model.tar.gz, .tar.zst, .tar.xz,
// container image layers) a member is a view over the stream's output that holds what
// DecompressingSource holds for a zip or gzip member: its first DECOMPRESS_HEAD bytes and the last
// DECOMPRESS_WINDOW bytes read (plus what one read asks for), whatever its size. Its first pass
// takes the bytes from the tar stream as it moves forward (letting the stream forget them as it
// goes); a read behind the member's window decodes the compressed input again from its start
// through a second decoder (the rewind) shared by the archive's members, up to the bytes asked for.
// What is decoded again is capped twice: by the member (REDECODE_FACTOR times the member so far) and
// by the rewind (REDECODE_FACTOR times the stream so far), past which reads throw
// LimitExceededError. Every decoded byte counts once against the archive budget and the
// compression ratio, on the tar stream (the rewind never goes past where the tar stream has been).
import { DecompressingSource, DECOMPRESS_WINDOW, SliceSource } from '../sources.js';
import type { ByteSource } from '../../core/types.js';
import type { TarMember } from './tar-reader.js';

const CHUNK = 1024 * 1024;
/** What the rewind keeps: no head (members keep their own), a small window (members keep theirs). */
const REWIND_MEMORY = { head: 0, window: CHUNK };

/**
 * A member of a forward-only tar stream: to its readers, a member of known size like a slice of a
 * tar on disk (parsers treat it as such); underneath, a DecompressingSource whose passes come from
 * the tar stream or the rewind, holding a head and a window.
 */
export class TarMemberSource implements ByteSource {
  constructor(
    readonly size: number,
    private readonly data: DecompressingSource,
  ) {}

  read(offset: number, length: number): Promise<Buffer> {
    return this.data.read(offset, Math.max(0, Math.min(length, this.size - offset)));
  }

  async *stream(start = 0): AsyncIterable<Buffer> {
    for (let off = start; off < this.size; off += CHUNK) {
      const b = await this.read(off, CHUNK);
      if (b.length === 0) return;
      yield b;
    }
  }

  /** Memory accounting (tests, bench): bytes held now, the most held at once, restarts made. */
  get stats(): DecompressingSource['stats'] {
    return this.data.stats;
  }

  /** Lets go of every byte held; a later read decodes again (from the tar stream or the rewind). */
  close(): Promise<void> {
    return this.data.close();
  }
}

export interface TarMemberOptions {
  /**
   * A cap on one member's bytes (tests). None by default: a member holds a head and a window
   * whatever its size, and the tar stream's archive budget and ratio guard bound what is decoded,
   * so a multi-GiB model.pth in a SageMaker model.tar.gz is read to its zip directory like one on
   * disk (maxEntryBytes still caps what a parser reads whole or analyses as a pickle).
   */
  maxBytes?: number;
  /** Overrides of the member views' DECOMPRESS_HEAD, DECOMPRESS_WINDOW and REDECODE_FACTOR (tests, tuning). */
  memory?: { head?: number; window?: number; redecodeFactor?: number };
}

/** The members of one tar walk over `src` (call close() when the walk ends). */
export class TarMembers {
  private rewindSource?: DecompressingSource;
  /** The tar stream when it is forward-only (a windowed DecompressingSource). */
  private readonly stream?: DecompressingSource;
  /** Most bytes one pull hands a member (at most its window, so that the window bounds what it holds). */
  private readonly pull: number;

  constructor(
    readonly src: ByteSource,
    private readonly opts: TarMemberOptions = {},
  ) {
    if (src instanceof DecompressingSource && src.opts.windowed) this.stream = src;
    this.pull = Math.max(1, Math.min(CHUNK, opts.memory?.window ?? DECOMPRESS_WINDOW));
  }

  /** Bytes held by the rewind now and at most (tests). */
  get rewindStats(): { held: number; peakHeld: number; restarts: number } | undefined {
    return this.rewindSource?.stats;
  }

  /** The member's bytes; `label` names it in errors. */
  open(m: TarMember, label: string): ByteSource {
    const stream = this.stream;
    if (!stream) return new SliceSource(this.src, m.dataOffset, m.size);
    const base = m.dataOffset;
    const size = m.size;
    const view = new DecompressingSource(stream.input, stream.codec, {
      maxBytes: this.opts.maxBytes ?? Number.MAX_SAFE_INTEGER,
      // The tar stream measures the ratio of every byte it decodes; a view consumes no input.
      maxRatio: Number.POSITIVE_INFINITY,
      declaredSize: size,
      label,
      ...(this.opts.memory ? { memory: this.opts.memory } : {}),
      decoded: () => this.pass(stream, base, size),
    });
    return new TarMemberSource(size, view);
  }

  /**
   * One pass over the member's bytes, from its first. Where the tar stream still holds them or has
   * not reached them yet, they come from it (and it forgets what the member has taken); behind
   * that, from the rewind, never past where the tar stream's held bytes start.
   */
  private async *pass(stream: DecompressingSource, base: number, size: number): AsyncGenerator<Buffer> {
    for (let pos = 0; pos < size; ) {
      const at = base + pos;
      const want = Math.min(this.pull, size - pos);
      const from = stream.heldFrom;
      let b: Buffer;
      if (at >= from) {
        b = await stream.read(at, want);
        stream.discardBefore(at + b.length);
      } else {
        b = await this.rewind(stream).read(at, Math.min(want, from - at));
      }
      if (b.length === 0) return; // the stream ends inside the member: the tar walk reports the truncation
      pos += b.length;
      yield b;
    }
  }

  private rewind(stream: DecompressingSource): DecompressingSource {
    this.rewindSource ??= new DecompressingSource(stream.input, stream.codec, {
      // Bounded by the tar stream: the rewind only decodes what the stream decoded (and counted) before.
      maxBytes: Number.MAX_SAFE_INTEGER,
      maxRatio: stream.opts.maxRatio,
      label: stream.opts.label,
      memory: { ...REWIND_MEMORY, ...(this.opts.memory?.redecodeFactor !== undefined ? { redecodeFactor: this.opts.memory.redecodeFactor } : {}) },
    });
    return this.rewindSource;
  }

  async close(): Promise<void> {
    const r = this.rewindSource;
    this.rewindSource = undefined;
    await r?.close();
  }
}
