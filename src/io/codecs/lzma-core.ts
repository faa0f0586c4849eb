// The LZMA symbol decoder (range coder, probability model, match copy) over a growing, then
// sliding, window: a port of the public-domain LzmaSpec.cpp reference decoder. The containers
// (.lzma, LZMA2 chunks, .xz) are in lzma.ts.
//
// Speed: LzmaCore.run() (literals, match copies) and decodeMatch() (the rest of a match) keep the
// range coder (range, code, input position), the window position and the match state in local
// variables, with the bit decoder written out at each use; state goes through object fields only
// once per match. Per-bit method calls on object fields (what a direct port does, and the
// reference decoder in test/helpers/lzma-reference.ts still does) decode about half as fast in
// V8. range and code are held as int32 bit patterns (compared unsigned with >>> 0) so the
// arithmetic stays in integers.
import { LimitExceededError, ParseError } from '../../core/errors.js';
import type { PullInput } from './input.js';

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

// Offsets into the one probability table (the literal coder has its own: its size depends on lc + lp).
const IS_MATCH = 0; // [state << 4 | posState]
const IS_REP = IS_MATCH + (12 << 4); // [state]
const IS_REP_G0 = IS_REP + 12;
const IS_REP_G1 = IS_REP_G0 + 12;
const IS_REP_G2 = IS_REP_G1 + 12;
const IS_REP0_LONG = IS_REP_G2 + 12; // [state << 4 | posState]
const POS_SLOT = IS_REP0_LONG + (12 << 4); // 4 bit trees of 6 bits: [lenState << 6 | node]
const SPEC_POS = POS_SLOT + (4 << 6); // reverse trees for distance slots 4..13
const ALIGN = SPEC_POS + 115; // reverse tree of 4 bits
const LEN = ALIGN + 16; // match length coder
const REP_LEN = LEN + 514; // rep match length coder
const NUM_PROBS = REP_LEN + 514;
// Inside a length coder: two choice bits, then low[posState] and mid[posState] 3-bit trees, high 8-bit tree.
const LEN_LOW = 2;
const LEN_MID = LEN_LOW + (16 << 3);
const LEN_HIGH = LEN_MID + (16 << 3);
/** Distance slots from here on code their low 4 bits with the align tree. */
const END_POS_MODEL_INDEX = 14;
const PROB_INIT = 1024;

/** The LZMA symbol decoder: probabilities, state, reps and range coder, over a Window. */
export class LzmaCore {
  lc = 3;
  lp = 0;
  pb = 2;
  probs = new Uint16Array(NUM_PROBS);
  literal = new Uint16Array(0x300 << 3);
  state = 0;
  rep0 = 0;
  rep1 = 0;
  rep2 = 0;
  rep3 = 0;
  /** A match that did not fit in the current chunk (LZMA2) or call: bytes still to copy. */
  pendingLen = 0;
  /** Range coder state, as int32 bit patterns of the unsigned 32-bit values. */
  range = -1;
  code = 0;
  /** The input buffer of the current run() (decodeMatch reads it too). */
  private inBuf: Uint8Array = new Uint8Array(0);
  /** Why decodeMatch() stopped: 'window' (a limit, not damage) or what is corrupt. */
  private failed = '';
  /** The distance (0-based, unsigned) that failed. */
  private failedDist = 0;

  constructor(readonly inp: PullInput, readonly win: Window, readonly dictSize: number) {}

  setProps(d: number): void {
    if (d >= 9 * 5 * 5) throw new ParseError(`${this.inp.label}: invalid LZMA properties byte ${d}`);
    this.lc = d % 9;
    d = (d / 9) | 0;
    this.lp = d % 5;
    this.pb = (d / 5) | 0;
    const n = 0x300 << (this.lc + this.lp);
    if (this.literal.length !== n) this.literal = new Uint16Array(n);
  }

  resetState(): void {
    this.probs.fill(PROB_INIT);
    this.literal.fill(PROB_INIT);
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.pendingLen = 0;
  }

  /** Starts the range coder: a zero byte, then the 32-bit code (5 bytes, buffered by the caller). */
  initRange(): void {
    const inp = this.inp;
    if (inp.byte() !== 0) throw new ParseError(`${inp.label}: corrupt LZMA data (range coder start)`);
    let code = 0;
    for (let i = 0; i < 4; i++) code = (code << 8) | inp.byte();
    if (code === -1) throw new ParseError(`${inp.label}: corrupt LZMA data (range coder start)`);
    this.range = -1;
    this.code = code;
  }

  /** A stream that ends cleanly leaves the range coder's code at 0. */
  rangeFinishedOk(): boolean {
    return this.code === 0;
  }

  /**
   * Decodes until `limit` more bytes are out, the output chunk is full, the buffered input runs
   * low (fewer than LOOKAHEAD bytes, unless the input has ended), or the end marker. Returns
   * [bytes produced, sawEndMarker]. Literals and match copies are decoded here; the rest of a
   * match (rep choice, length, distance) in decodeMatch(). Two functions, not one: V8 compiles
   * and re-optimises each faster, and a first stretch of literals then never sends the whole
   * decoder back to the interpreter when the first match comes.
   *
   * Each "bit" block is the same range-coder step (LzmaSpec's DecodeBit, then Normalize):
   *   bound = (range >>> 11) * p[i]; bit = code < bound; move p[i] towards the bit; narrow range;
   *   when range < 2^24, shift in one more input byte.
   */
  run(limit: number, inputEnded: boolean): [number, boolean] {
    const w = this.win;
    const p = this.probs;
    const lit = this.literal;
    const inBuf = this.inp.buffered();
    const inLen = inBuf.length;
    this.inBuf = inBuf;
    // A symbol starts only while LOOKAHEAD bytes are buffered (one reads at most ~60), unless the
    // input has ended: then reads past its end give 0, and the check before the symbol has any
    // effect stops the loop, which reports the truncation: the same error, after the same output,
    // as failing on the read itself.
    const inStop = inputEnded ? inLen : inLen - LOOKAHEAD;
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    const lc = this.lc;
    let inPos = this.inp.pos;
    let range = this.range;
    let code = this.code;
    let buf = w.buf;
    let bufLen = buf.length;
    let pos = w.pos;
    let full = w.full;
    let total = w.total;
    /** Output held = outBase + pos (the window's pending chunks plus its unflushed bytes). */
    let outBase = w.pending - w.flushed;
    let state = this.state;
    let rep0 = this.rep0;
    /** Bytes of the current match still to copy. */
    let len = this.pendingLen;
    let made = 0;
    let end = false;
    let failed = false;
    /** Set when the window's own methods moved its buffer or position. */
    let reload = false;
    let prob = 0;
    let bound = 0;
    let i = 0;

    for (;;) {
      if (len > 0) {
        // Copy the match from rep0 + 1 bytes back, as far as `limit` allows: a byte loop (short
        // matches dominate, and an overlapping match repeats its pattern) or copyWithin for a
        // long one that does not overlap; Window.copy() when it wraps or grows the window.
        let n = limit - made;
        if (n > len) n = len;
        len -= n;
        made += n;
        total += n;
        let src = pos - rep0 - 1;
        if (src < 0) src += bufLen;
        if (pos + n < bufLen && src + n <= bufLen) {
          if (n >= 64 && src + n <= pos) {
            buf.copyWithin(pos, src, src + n);
            pos += n;
          } else {
            for (const e = pos + n; pos < e; ) buf[pos++] = buf[src++];
          }
        } else {
          w.pos = pos;
          w.copy(rep0 + 1, n);
          reload = true;
        }
      }
      if (pos === bufLen) {
        w.pos = pos;
        w.wrapOrGrow();
        reload = true;
      }
      if (reload) {
        // The window grew, wrapped or handed out a chunk: its fields are the truth again.
        buf = w.buf;
        bufLen = buf.length;
        pos = w.pos;
        full = w.full;
        outBase = w.pending - w.flushed;
        reload = false;
      }
      if (len > 0 || made >= limit || outBase + pos >= OUT_CHUNK || inPos > inStop) break;

      const posState = total & pbMask;
      // bit: isMatch[state][posState]
      prob = p[(i = IS_MATCH + (state << 4) + posState)];
      bound = Math.imul(range >>> 11, prob);
      if (code >>> 0 >= bound >>> 0) {
        range = (range - bound) | 0;
        code = (code - bound) | 0;
        p[i] = prob - (prob >>> 5);
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
          inPos++;
        }
        this.range = range;
        this.code = code;
        this.inp.pos = inPos;
        this.state = state;
        len = this.decodeMatch(posState, full ? bufLen : pos);
        range = this.range;
        code = this.code;
        inPos = this.inp.pos;
        state = this.state;
        rep0 = this.rep0;
        if (inPos > inLen || len <= 0) {
          // Truncated (thrown below), the end marker, or damage.
          end = len === 0;
          failed = len < 0;
          len = 0;
          break;
        }
        continue;
      }
      range = bound;
      p[i] = prob + ((2048 - prob) >>> 5);
      if (range >>> 24 === 0) {
        range <<= 8;
        code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
        inPos++;
      }

      // Literal: an 8-bit tree chosen by the previous byte's high bits and the position's low
      // bits; after a match, also by the byte at rep0 until the first bit that differs from it.
      const prev = pos > 0 ? buf[pos - 1] : full ? buf[bufLen - 1] : 0;
      const base = 0x300 * (((total & lpMask) << lc) + (prev >>> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        let mi = pos - rep0 - 1;
        if (mi < 0) mi += bufLen;
        let matchByte = buf[mi];
        do {
          const matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          // bit: literal[base + 0x100 * (1 + matchBit) + symbol]
          prob = lit[(i = base + ((1 + matchBit) << 8) + symbol)];
          bound = Math.imul(range >>> 11, prob);
          if (code >>> 0 < bound >>> 0) {
            range = bound;
            lit[i] = prob + ((2048 - prob) >>> 5);
            symbol <<= 1;
          } else {
            range = (range - bound) | 0;
            code = (code - bound) | 0;
            lit[i] = prob - (prob >>> 5);
            symbol = (symbol << 1) | 1;
          }
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
            inPos++;
          }
          if (matchBit !== (symbol & 1)) break;
        } while (symbol < 0x100);
      }
      while (symbol < 0x100) {
        // bit: literal[base + symbol]
        prob = lit[(i = base + symbol)];
        bound = Math.imul(range >>> 11, prob);
        if (code >>> 0 < bound >>> 0) {
          range = bound;
          lit[i] = prob + ((2048 - prob) >>> 5);
          symbol <<= 1;
        } else {
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          lit[i] = prob - (prob >>> 5);
          symbol = (symbol << 1) | 1;
        }
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
          inPos++;
        }
      }
      if (inPos > inLen) break; // read past the end: thrown below
      buf[pos++] = symbol & 0xff;
      total++;
      made++;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
    }

    this.inp.pos = inPos;
    this.range = range;
    this.code = code;
    w.pos = pos;
    w.total = total;
    this.state = state;
    this.pendingLen = len;
    if (inPos > inLen) throw new ParseError(`${this.inp.label}: compressed data ends early (truncated)`);
    if (failed) {
      if (this.failed === 'window') throw new LimitExceededError(`${this.inp.label}: LZMA match ${this.failedDist + 1} bytes back, beyond the ${MAX_WINDOW}-byte window mlwarden keeps`, 'maxEntryBytes');
      throw new ParseError(`${this.inp.label}: corrupt LZMA data (${this.failed})`);
    }
    return [made, end];
  }

  /**
   * The rest of a symbol after its isMatch bit was 1: a rep match (one of the last four
   * distances; a "short rep" is one byte at rep0) or a new match (length, then distance). Sets
   * state and reps; returns the length to copy from rep0 + 1 back, 0 for the end marker, or -1
   * with `failed` set. `history`: bytes of the window a distance may reach back into.
   */
  private decodeMatch(posState: number, history: number): number {
    const p = this.probs;
    const inBuf = this.inBuf;
    const inLen = inBuf.length;
    let inPos = this.inp.pos;
    let range = this.range;
    let code = this.code;
    let state = this.state;
    let prob = 0;
    let bound = 0;
    let bit = 0;
    let i = 0;
    let result = 0;

    // One bit with probability p[i], into `bit` (the step described at run()).
    // bit: isRep[state]
    prob = p[(i = IS_REP + state)];
    bound = Math.imul(range >>> 11, prob);
    if (code >>> 0 < bound >>> 0) {
      range = bound;
      p[i] = prob + ((2048 - prob) >>> 5);
      bit = 0;
    } else {
      range = (range - bound) | 0;
      code = (code - bound) | 0;
      p[i] = prob - (prob >>> 5);
      bit = 1;
    }
    if (range >>> 24 === 0) {
      range <<= 8;
      code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
      inPos++;
    }
    const isRep = bit;

    decode: {
      if (isRep !== 0) {
        if (history === 0) {
          this.failed = 'repeat before any output';
          result = -1;
          break decode;
        }
        // bit: isRepG0[state]
        prob = p[(i = IS_REP_G0 + state)];
        bound = Math.imul(range >>> 11, prob);
        if (code >>> 0 < bound >>> 0) {
          range = bound;
          p[i] = prob + ((2048 - prob) >>> 5);
          bit = 0;
        } else {
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          p[i] = prob - (prob >>> 5);
          bit = 1;
        }
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
          inPos++;
        }
        if (bit === 0) {
          // bit: isRep0Long[state][posState]; 0 = "short rep", the one byte at rep0
          prob = p[(i = IS_REP0_LONG + (state << 4) + posState)];
          bound = Math.imul(range >>> 11, prob);
          if (code >>> 0 < bound >>> 0) {
            range = bound;
            p[i] = prob + ((2048 - prob) >>> 5);
            bit = 0;
          } else {
            range = (range - bound) | 0;
            code = (code - bound) | 0;
            p[i] = prob - (prob >>> 5);
            bit = 1;
          }
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
            inPos++;
          }
          if (bit === 0) {
            state = state < 7 ? 9 : 11;
            result = 1;
            break decode;
          }
        } else {
          // bit: isRepG1[state]; then isRepG2[state]: which older distance moves to the front
          prob = p[(i = IS_REP_G1 + state)];
          bound = Math.imul(range >>> 11, prob);
          if (code >>> 0 < bound >>> 0) {
            range = bound;
            p[i] = prob + ((2048 - prob) >>> 5);
            bit = 0;
          } else {
            range = (range - bound) | 0;
            code = (code - bound) | 0;
            p[i] = prob - (prob >>> 5);
            bit = 1;
          }
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
            inPos++;
          }
          let dist: number;
          if (bit === 0) dist = this.rep1;
          else {
            prob = p[(i = IS_REP_G2 + state)];
            bound = Math.imul(range >>> 11, prob);
            if (code >>> 0 < bound >>> 0) {
              range = bound;
              p[i] = prob + ((2048 - prob) >>> 5);
              bit = 0;
            } else {
              range = (range - bound) | 0;
              code = (code - bound) | 0;
              p[i] = prob - (prob >>> 5);
              bit = 1;
            }
            if (range >>> 24 === 0) {
              range <<= 8;
              code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
              inPos++;
            }
            if (bit === 0) dist = this.rep2;
            else {
              dist = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        state = state < 7 ? 8 : 11;
      } else {
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        state = state < 7 ? 7 : 10;
      }

      // Length: choice bit (low 3-bit tree per posState), choice2 bit (mid), else high 8-bit tree.
      const lb = isRep !== 0 ? REP_LEN : LEN;
      let off = lb + LEN_LOW + (posState << 3);
      let nbits = 3;
      let add = 0;
      // bit: choice
      prob = p[(i = lb)];
      bound = Math.imul(range >>> 11, prob);
      if (code >>> 0 < bound >>> 0) {
        range = bound;
        p[i] = prob + ((2048 - prob) >>> 5);
        bit = 0;
      } else {
        range = (range - bound) | 0;
        code = (code - bound) | 0;
        p[i] = prob - (prob >>> 5);
        bit = 1;
      }
      if (range >>> 24 === 0) {
        range <<= 8;
        code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
        inPos++;
      }
      if (bit !== 0) {
        // bit: choice2
        prob = p[(i = lb + 1)];
        bound = Math.imul(range >>> 11, prob);
        if (code >>> 0 < bound >>> 0) {
          range = bound;
          p[i] = prob + ((2048 - prob) >>> 5);
          bit = 0;
        } else {
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          p[i] = prob - (prob >>> 5);
          bit = 1;
        }
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
          inPos++;
        }
        if (bit === 0) {
          off = lb + LEN_MID + (posState << 3);
          add = 8;
        } else {
          off = lb + LEN_HIGH;
          nbits = 8;
          add = 16;
        }
      }
      let m = 1;
      for (let k = nbits; k > 0; k--) {
        // bit: tree node off + m
        prob = p[(i = off + m)];
        bound = Math.imul(range >>> 11, prob);
        if (code >>> 0 < bound >>> 0) {
          range = bound;
          p[i] = prob + ((2048 - prob) >>> 5);
          m <<= 1;
        } else {
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          p[i] = prob - (prob >>> 5);
          m = (m << 1) | 1;
        }
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
          inPos++;
        }
      }
      const lenCode = add + m - (1 << nbits);
      result = lenCode + 2;
      if (isRep !== 0) break decode;

      // Distance: a 6-bit slot (tree chosen by the length), then the slot's low bits: a reverse
      // tree for slots 4..13; direct bits and the 4-bit align reverse tree above.
      off = POS_SLOT + ((lenCode < 3 ? lenCode : 3) << 6);
      m = 1;
      for (let k = 6; k > 0; k--) {
        // bit: tree node off + m
        prob = p[(i = off + m)];
        bound = Math.imul(range >>> 11, prob);
        if (code >>> 0 < bound >>> 0) {
          range = bound;
          p[i] = prob + ((2048 - prob) >>> 5);
          m <<= 1;
        } else {
          range = (range - bound) | 0;
          code = (code - bound) | 0;
          p[i] = prob - (prob >>> 5);
          m = (m << 1) | 1;
        }
        if (range >>> 24 === 0) {
          range <<= 8;
          code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
          inPos++;
        }
      }
      const slot = m - 64;
      let dist = slot;
      if (slot >= 4) {
        const numDirect = (slot >>> 1) - 1;
        // The distance as an int32 bit pattern, its parts OR-ed in (they never overlap): slots
        // 62 and 63 set bit 31, so it stays an integer for V8 (a double here, for the end
        // marker 0xffffffff, sent the decoder back to the interpreter at every .lzma end).
        dist = (2 | (slot & 1)) << numDirect;
        if (slot < END_POS_MODEL_INDEX) {
          off = SPEC_POS + dist - slot;
          nbits = numDirect;
        } else {
          let direct = 0;
          for (let k = numDirect - 4; k > 0; k--) {
            // direct bit: probability 1/2, no model. Branch-free: these bits are random, so a
            // branch on them mispredicts half the time.
            range = range >>> 1;
            bit = +(code >>> 0 >= range);
            code = (code - (range & -bit)) | 0;
            direct = (direct << 1) | bit;
            if (range >>> 24 === 0) {
              range <<= 8;
              code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
              inPos++;
            }
          }
          dist |= direct << 4;
          off = ALIGN;
          nbits = 4;
        }
        m = 1;
        let rev = 0;
        for (let k = 0; k < nbits; k++) {
          // bit: reverse tree node off + m. Branch-free (mask = bit ? -1 : 0), the same step:
          // the low distance bits are close to random, so a branch on them mostly mispredicts.
          prob = p[(i = off + m)];
          bound = Math.imul(range >>> 11, prob);
          bit = +(code >>> 0 >= bound >>> 0);
          const mask = -bit;
          range = ((range - bound) & mask) | (bound & ~mask);
          code = (code - (bound & mask)) | 0;
          p[i] = prob + ((((2048 - prob) >>> 5) & ~mask) - ((prob >>> 5) & mask));
          m = (m << 1) | bit;
          rev |= bit << k;
          if (range >>> 24 === 0) {
            range <<= 8;
            code = (code << 8) | (inPos < inLen ? inBuf[inPos] : 0);
            inPos++;
          }
        }
        dist |= rev;
      }
      if (dist === -1) {
        // 0xffffffff: the end marker.
        result = 0;
        break decode;
      }
      if (dist < 0 || dist >= this.dictSize || dist >= history) {
        const d = dist >>> 0;
        this.failedDist = d;
        this.failed = d < this.dictSize && d >= this.win.cap ? 'window' : 'match distance beyond the data';
        result = -1;
        break decode;
      }
      this.rep0 = dist;
    }

    this.inp.pos = inPos;
    this.range = range;
    this.code = code;
    this.state = state;
    return result;
  }
}
