// The LZMA dictionary window (growing, then sliding) and the step sizes the LZMA symbol decoder
// (lzma-decoder.ts) and the containers (lzma.ts) share.

/** Output held before a decoding step returns (the caller's caps are checked between steps). */
export const OUT_CHUNK = 1024 * 1024;
/** Input bytes buffered before each decoding step: one symbol never needs more than ~60. */
export const LOOKAHEAD = 256;

/**
 * The most history a decoder keeps (xz's largest preset, -9, uses a 64 MiB dictionary). A header
 * may declare up to 4 GiB: a stream that really reaches further back is a limit finding, never a
 * window sized from the header.
 */
export const MAX_WINDOW = 64 * 1024 * 1024;

/** The dictionary window: grows by doubling with the output, up to `cap`, then wraps. */
export class Window {
  buf = new Uint8Array(64 * 1024);
  pos = 0;
  full = false;
  /** Bytes since the last dictionary reset (LZMA2) or since the start (LZMA). */
  total = 0;
  /** Start of the bytes not yet handed out. */
  flushed = 0;
  out: Buffer[] = [];
  pending = 0;
  constructor(readonly cap: number) {
    if (cap < this.buf.length) this.buf = new Uint8Array(cap);
  }

  reset(): void {
    this.flush();
    this.pos = 0;
    this.flushed = 0;
    this.full = false;
    this.total = 0;
  }

  flush(): void {
    if (this.pos > this.flushed) {
      const c = Buffer.from(this.buf.subarray(this.flushed, this.pos));
      this.out.push(c);
      this.pending += c.length;
    }
    this.flushed = this.pos;
  }

  put(b: number): void {
    this.buf[this.pos++] = b;
    this.total++;
    if (this.pos === this.buf.length) this.wrapOrGrow();
  }

  /** Appends bytes (LZMA2 stored chunks) with bulk copies; same effect as put() per byte. */
  putBytes(src: Uint8Array): void {
    let off = 0;
    while (off < src.length) {
      const n = Math.min(this.buf.length - this.pos, src.length - off);
      this.buf.set(src.subarray(off, off + n), this.pos);
      this.pos += n;
      this.total += n;
      off += n;
      if (this.pos === this.buf.length) this.wrapOrGrow();
    }
  }

  /** Called when `pos` reaches the end of `buf`: doubles it (up to the cap) or wraps to 0. */
  wrapOrGrow(): void {
    if (this.buf.length < this.cap) {
      // Doubling (copies stay linear in the output); the cap is at most MAX_WINDOW.
      const next = new Uint8Array(Math.min(this.cap, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
      return;
    }
    this.flush();
    this.pos = 0;
    this.flushed = 0;
    this.full = true;
  }

  /** Appends `n` bytes copied from `dist` back, one at a time (a match copy that wraps or grows the window). */
  copy(dist: number, n: number): void {
    for (let k = 0; k < n; k++) {
      this.buf[this.pos] = this.get(dist);
      if (++this.pos === this.buf.length) this.wrapOrGrow();
    }
  }

  /** Byte `dist` positions back (1 = the last byte). */
  get(dist: number): number {
    return this.buf[dist <= this.pos ? this.pos - dist : this.buf.length - dist + this.pos];
  }

  has(dist: number): boolean {
    return dist <= this.pos || (this.full && dist <= this.buf.length);
  }

  isEmpty(): boolean {
    return this.pos === 0 && !this.full;
  }

  take(): Buffer[] {
    const o = this.out;
    this.out = [];
    this.pending = 0;
    return o;
  }
}

