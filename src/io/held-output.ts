// What a decoding byte source keeps of its output: a copied head (sniffers and magic checks read
// the first bytes again and again) and a sliding window of the latest decoder chunks, so memory is
// bounded whatever the decoded size. Shared by DecompressingSource and 7z members.

const EMPTY = Buffer.alloc(0);
/** Decoder outputs below this size are copied into a shared buffer of JOIN_SIZE (see add). */
const JOIN_BELOW = 16 * 1024;
const JOIN_SIZE = 64 * 1024;

export class HeldOutput {
  /** The first bytes of the output (a complete prefix, copied into one buffer grown by doubling). */
  private headBuf: Buffer = EMPTY;
  headLen = 0;
  /** Backing store of the last held chunk while small decoder outputs are joined into it. */
  private tail?: Buffer;
  private tailUsed = 0;
  /** Chunks still held and the output offset each starts at: reads copy only the range they need. */
  private chunks: Buffer[] = [];
  private starts: number[] = [];
  windowBytes = 0;
  /** The most bytes held at once. */
  peak = 0;

  constructor(
    readonly headMax: number,
    readonly windowMax: number,
  ) {}

  get held(): number {
    return this.headLen + this.windowBytes;
  }

  get buffers(): number {
    return this.chunks.length + (this.headLen > 0 ? 1 : 0);
  }

  /** Output offset of the window's first byte (`produced`, the decoder's position, when it is empty). */
  windowStart(produced: number): number {
    return this.starts.length ? this.starts[0] : produced;
  }

  head(): Buffer {
    return this.headBuf.subarray(0, this.headLen);
  }

  /**
   * Takes a decoder output that starts at output offset `at` (the decoder's position): the part
   * that extends the head is copied there, and the whole output joins the window. Small outputs
   * (LZ4 or zstd blocks can be one byte) are copied into a shared backing buffer and held as one
   * chunk, so the number of buffers and offsets kept stays bounded by the bytes held, whatever the
   * decoder's granularity. Bytes already handed out from that buffer are never written again.
   */
  add(c: Buffer, at: number): void {
    if (this.headLen < this.headMax && at <= this.headLen && at + c.length > this.headLen) this.appendHead(c.subarray(this.headLen - at, this.headMax - at));
    this.windowBytes += c.length;
    if (c.length >= JOIN_BELOW) {
      this.starts.push(at);
      this.chunks.push(c);
      return;
    }
    const n = this.chunks.length;
    const t = this.tail;
    if (t !== undefined && n > 0 && this.chunks[n - 1].buffer === t.buffer && this.tailUsed + c.length <= t.length) {
      c.copy(t, this.tailUsed);
      this.tailUsed += c.length;
      this.chunks[n - 1] = t.subarray(0, this.tailUsed);
      return;
    }
    this.tail = Buffer.allocUnsafeSlow(JOIN_SIZE);
    c.copy(this.tail, 0);
    this.tailUsed = c.length;
    this.starts.push(at);
    this.chunks.push(this.tail.subarray(0, c.length));
  }

  /** Records the bytes held now in `peak` (call after trimming). */
  notePeak(): void {
    const now = this.headLen + this.windowBytes;
    if (now > this.peak) this.peak = now;
  }

  private appendHead(b: Buffer): void {
    if (this.headLen + b.length > this.headBuf.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.headMax, Math.max(2 * this.headBuf.length, this.headLen + b.length, 64 * 1024)));
      this.headBuf.copy(grown, 0, 0, this.headLen);
      this.headBuf = grown;
    }
    b.copy(this.headBuf, this.headLen);
    this.headLen += b.length;
  }

  /** Drops held chunks from the front down to the window, never one that reaches past `keepFrom`. */
  trim(keepFrom: number): void {
    let n = 0;
    let bytes = this.windowBytes;
    while (n < this.chunks.length - 1 && bytes > this.windowMax && this.starts[n] + this.chunks[n].length <= keepFrom) bytes -= this.chunks[n++].length;
    if (n === 0) return;
    this.chunks.splice(0, n);
    this.starts.splice(0, n);
    this.windowBytes = bytes;
  }

  /** Forgets every held chunk that ends at or before `offset` (forward-only use). */
  discardBefore(offset: number): void {
    let n = 0;
    let bytes = this.windowBytes;
    while (n < this.chunks.length && this.starts[n] + this.chunks[n].length <= offset) bytes -= this.chunks[n++].length;
    if (n === 0) return;
    this.chunks.splice(0, n);
    this.starts.splice(0, n);
    this.windowBytes = bytes;
  }

  /** Lets go of the window (the head stays). */
  dropWindow(): void {
    this.chunks = [];
    this.starts = [];
    this.windowBytes = 0;
    this.tail = undefined;
  }

  /** Lets go of the window and the head. */
  dropAll(): void {
    this.dropWindow();
    this.headBuf = EMPTY;
    this.headLen = 0;
  }

  /** Bytes [offset, stop), which the caller made sure are held (in the head, the window, or both). */
  slice(offset: number, stop: number): Buffer {
    const parts: Buffer[] = [];
    let pos = offset;
    const from = this.starts.length ? this.starts[0] : stop;
    if (pos < from) {
      const e = Math.min(stop, from, this.headLen);
      parts.push(this.head().subarray(pos, e));
      pos = e;
    }
    if (pos < stop) {
      let i = this.chunkAt(pos);
      while (pos < stop) {
        const c = this.chunks[i++];
        const rel = pos - this.starts[i - 1];
        const take = Math.min(c.length - rel, stop - pos);
        parts.push(c.subarray(rel, rel + take));
        pos += take;
      }
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, stop - offset);
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
}
