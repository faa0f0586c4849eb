// The LZMA symbol decoder (range coder, probability model, match copy) over a Window: a direct
// port of the public-domain LzmaSpec.cpp reference decoder, one method call per bit with the state
// in object fields. The containers (.lzma, LZMA2 chunks, .xz) are in lzma.ts.
//
// Kept plain on purpose: a hand-inlined copy (the range-coder step written out at each of its ~90
// uses) took about 0.6 times the CPU time, which a scanner that only has to reach its caps (or the
// end of a checkpoint) does not need; liblzma's answers in test/sevenzip/lzma-known-answers.test.ts
// check this one.
import { LimitExceededError, ParseError } from '../../core/errors.js';
import type { PullInput } from './input.js';
import { LOOKAHEAD, MAX_WINDOW, OUT_CHUNK, type Window } from './lzma-window.js';

const K_NUM_STATES = 12;
const K_MATCH_MIN_LEN = 2;
const K_END_POS_MODEL_INDEX = 14;
const K_NUM_FULL_DISTANCES = 1 << (K_END_POS_MODEL_INDEX >>> 1);
const K_NUM_ALIGN_BITS = 4;
const K_NUM_LEN_TO_POS_STATES = 4;
const PROB_INIT = 1024;

class RangeDecoder {
  range = 0xffffffff;
  code = 0;
  constructor(private readonly inp: PullInput) {}

  init(): void {
    this.range = 0xffffffff;
    this.code = 0;
    if (this.inp.byte() !== 0) throw new ParseError(`${this.inp.label}: corrupt LZMA data (range coder start)`);
    for (let i = 0; i < 4; i++) this.code = this.code * 256 + this.inp.byte();
    if (this.code === this.range) throw new ParseError(`${this.inp.label}: corrupt LZMA data (range coder start)`);
  }

  finishedOk(): boolean {
    return this.code === 0;
  }

  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range *= 256;
      this.code = this.code * 256 + this.inp.byte();
    }
  }

  /** `numBits` bits at probability 1/2 (the middle bits of a far distance). */
  direct(numBits: number): number {
    // range and code in locals for the loop: a far match reads up to 26 of these bits in a row.
    let range = this.range;
    let code = this.code;
    let res = 0;
    do {
      range >>>= 1;
      let bit = 0;
      if (code >= range) {
        code -= range;
        bit = 1;
      }
      if (range < 0x1000000) {
        range *= 256;
        code = code * 256 + this.inp.byte();
      }
      res = res * 2 + bit;
    } while (--numBits);
    this.range = range;
    this.code = code;
    return res;
  }

  bit(probs: Uint16Array, i: number): number {
    const v = probs[i];
    const bound = (this.range >>> 11) * v;
    let symbol: number;
    if (this.code < bound) {
      probs[i] = v + ((2048 - v) >>> 5);
      this.range = bound;
      symbol = 0;
    } else {
      probs[i] = v - (v >>> 5);
      this.code -= bound;
      this.range -= bound;
      symbol = 1;
    }
    this.normalize();
    return symbol;
  }

  tree(probs: Uint16Array, offset: number, numBits: number): number {
    let m = 1;
    for (let i = 0; i < numBits; i++) m = (m << 1) + this.bit(probs, offset + m);
    return m - (1 << numBits);
  }

  reverse(probs: Uint16Array, offset: number, numBits: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < numBits; i++) {
      const b = this.bit(probs, offset + m);
      m = (m << 1) + b;
      sym |= b << i;
    }
    return sym;
  }
}

class LenDecoder {
  probs = new Uint16Array(2 + 16 * 8 + 16 * 8 + 256);
  reset(): void {
    this.probs.fill(PROB_INIT);
  }
  decode(rc: RangeDecoder, posState: number): number {
    const p = this.probs;
    if (rc.bit(p, 0) === 0) return rc.tree(p, 2 + posState * 8, 3);
    if (rc.bit(p, 1) === 0) return 8 + rc.tree(p, 2 + 128 + posState * 8, 3);
    return 16 + rc.tree(p, 2 + 256, 8);
  }
}

/** The LZMA symbol decoder: probabilities, state and reps, over a Window. */
export class LzmaDecoder {
  lc = 3;
  lp = 0;
  pb = 2;
  literal = new Uint16Array(0x300 << 3);
  posSlot = new Uint16Array(K_NUM_LEN_TO_POS_STATES << 6);
  posDecoders = new Uint16Array(1 + K_NUM_FULL_DISTANCES - K_END_POS_MODEL_INDEX);
  align = new Uint16Array(1 << K_NUM_ALIGN_BITS);
  isMatch = new Uint16Array(K_NUM_STATES << 4);
  isRep = new Uint16Array(K_NUM_STATES);
  isRepG0 = new Uint16Array(K_NUM_STATES);
  isRepG1 = new Uint16Array(K_NUM_STATES);
  isRepG2 = new Uint16Array(K_NUM_STATES);
  isRep0Long = new Uint16Array(K_NUM_STATES << 4);
  len = new LenDecoder();
  repLen = new LenDecoder();
  state = 0;
  rep0 = 0;
  rep1 = 0;
  rep2 = 0;
  rep3 = 0;
  /** A match that did not fit in the current chunk (LZMA2) or call: bytes still to copy. */
  pendingLen = 0;
  readonly rc: RangeDecoder;

  constructor(readonly inp: PullInput, readonly win: Window, readonly dictSize: number) {
    this.rc = new RangeDecoder(inp);
  }

  initRange(): void {
    this.rc.init();
  }

  rangeFinishedOk(): boolean {
    return this.rc.finishedOk();
  }

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
    for (const p of [this.literal, this.posSlot, this.posDecoders, this.align, this.isMatch, this.isRep, this.isRepG0, this.isRepG1, this.isRepG2, this.isRep0Long]) p.fill(PROB_INIT);
    this.len.reset();
    this.repLen.reset();
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.pendingLen = 0;
  }

  private corrupt(why: string): never {
    throw new ParseError(`${this.inp.label}: corrupt LZMA data (${why})`);
  }

  private copyMatch(limit: number): number {
    const n = Math.min(this.pendingLen, limit);
    const w = this.win;
    const dist = this.rep0 + 1;
    let left = n;
    while (left > 0) {
      // Fast path: source and destination both inside the buffer without wrapping or growing.
      const buf = w.buf;
      const src = w.pos - dist;
      const room = buf.length - w.pos - 1;
      if (src >= 0 && room > 0) {
        const k = Math.min(left, room);
        // copyWithin only for long copies that do not overlap: for a short match the call costs more than a loop.
        if (dist >= k && k > 32) buf.copyWithin(w.pos, src, src + k);
        else for (let i = 0; i < k; i++) buf[w.pos + i] = buf[src + i];
        w.pos += k;
        w.total += k;
        left -= k;
        continue;
      }
      w.put(w.get(dist));
      left--;
    }
    this.pendingLen -= n;
    return n;
  }

  /**
   * Decodes until `limit` more bytes are out, the output chunk is full, the buffered input runs
   * low, or the end marker. Returns [bytes produced, sawEndMarker].
   */
  run(limit: number, inputEnded: boolean): [number, boolean] {
    const w = this.win;
    const rc = this.rc;
    let made = 0;
    if (this.pendingLen > 0) made += this.copyMatch(limit);
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    while (made < limit && w.pending + (w.pos - w.flushed) < OUT_CHUNK && (inputEnded || this.inp.avail() >= LOOKAHEAD)) {
      const posState = w.total & pbMask;
      const state = this.state;
      if (rc.bit(this.isMatch, (state << 4) + posState) === 0) {
        const prev = w.isEmpty() ? 0 : w.get(1);
        const litState = ((w.total & lpMask) << this.lc) + (prev >>> (8 - this.lc));
        const base = 0x300 * litState;
        let symbol = 1;
        if (state >= 7) {
          let matchByte = w.get(this.rep0 + 1);
          do {
            const matchBit = (matchByte >>> 7) & 1;
            matchByte <<= 1;
            const bit = rc.bit(this.literal, base + ((1 + matchBit) << 8) + symbol);
            symbol = (symbol << 1) | bit;
            if (matchBit !== bit) break;
          } while (symbol < 0x100);
        }
        while (symbol < 0x100) symbol = (symbol << 1) | rc.bit(this.literal, base + symbol);
        w.put(symbol - 0x100);
        made++;
        this.state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this.isRep, state) !== 0) {
        if (w.isEmpty()) this.corrupt('repeat before any output');
        if (rc.bit(this.isRepG0, state) === 0) {
          if (rc.bit(this.isRep0Long, (state << 4) + posState) === 0) {
            this.state = state < 7 ? 9 : 11;
            w.put(w.get(this.rep0 + 1));
            made++;
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this.isRepG1, state) === 0) dist = this.rep1;
          else {
            if (rc.bit(this.isRepG2, state) === 0) dist = this.rep2;
            else {
              dist = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        len = this.repLen.decode(rc, posState);
        this.state = state < 7 ? 8 : 11;
      } else {
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        len = this.len.decode(rc, posState);
        this.state = state < 7 ? 7 : 10;
        const dist = this.distance(len);
        if (dist === 0xffffffff) return [made, true];
        this.rep0 = dist;
        if (dist >= this.dictSize) this.corrupt('match distance beyond the data');
        if (!w.has(dist + 1)) {
          if (dist >= w.cap) throw new LimitExceededError(`${this.inp.label}: LZMA match ${dist + 1} bytes back, beyond the ${MAX_WINDOW}-byte window mlwarden keeps`, 'maxEntryBytes');
          this.corrupt('match distance beyond the data');
        }
      }
      this.pendingLen = len + K_MATCH_MIN_LEN;
      made += this.copyMatch(limit - made);
    }
    return [made, false];
  }

  private distance(len: number): number {
    const rc = this.rc;
    const lenState = Math.min(len, K_NUM_LEN_TO_POS_STATES - 1);
    const slot = rc.tree(this.posSlot, lenState << 6, 6);
    if (slot < 4) return slot;
    const numDirect = (slot >>> 1) - 1;
    // A shift, not `2 ** numDirect`: V8 compiles a variable power to a call into its pow routine.
    let dist = ((2 | (slot & 1)) << numDirect) >>> 0;
    if (slot < K_END_POS_MODEL_INDEX) dist += rc.reverse(this.posDecoders, dist - slot, numDirect);
    else {
      dist += rc.direct(numDirect - K_NUM_ALIGN_BITS) * 16;
      dist += rc.reverse(this.align, 0, K_NUM_ALIGN_BITS);
    }
    return dist;
  }
}

