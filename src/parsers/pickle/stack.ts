// The machine's stack and its MARKs, in bounded memory. A real unpickler keeps everything under a
// MARK; the machine keeps in full only what a later opcode can plausibly reach: the top WINDOW
// slots and, around each MARK, the two slots below it (the container that APPENDS/SETITEMS fill,
// the object a BUILD then updates, the callable of a REDUCE) and the first MARK_KEEP slots above it
// (all a container keeps for summaries). Older slots are swept: replaced by their compact stand-in
// (compact.ts). A name built from an untracked value is reported as computed at load time: fail
// closed, never silently dropped.
//
// Folding: one MARK can hold millions of items (a state dict filled by a single SETITEMS). Once
// swept, the items between its first MARK_KEEP and the next mark's kept slots are only a count to
// every consumer, so they leave the stack. A real pickler never pops back into them; if a stream
// does, analysis stops with a limit error (fail closed).
import { compact } from './compact.js';
import { Stop } from './stop.js';
import { KEEP_ITEMS, type Value } from './values.js';

const WINDOW = 256;
const MARK_KEEP = KEEP_ITEMS * 2 + 1;
const MARK_BELOW = 2;
/** Only the innermost marks get kept ranges (benign nesting is shallow; deeper ones are swept). */
const MARKS_KEPT = 64;
/** Hard caps: 8 bytes a slot is all that is left per value, but an unbounded count is still unbounded. */
const MAX_STACK = 1 << 24;
const MAX_MARKS = 1 << 20;
/** Fewest swept slots under one mark worth folding away. */
const FOLD_MIN = 4096;

export class SymbolicStack {
  private readonly items: Value[] = [];
  /** Stack lengths at each open MARK, non-decreasing. */
  private readonly marks: number[] = [];
  /** Item count of the region the last popMark removed (its returned array is capped). */
  markCount = 0;
  private sweepAt = 2 * WINDOW;
  private sweptTo = 0;
  /** Lowest stack length since the last sweep: slots above it may hold values pushed since. */
  private low = 0;
  /** Start and count of each folded region, innermost last; foldTop is the last start (-1: none). */
  private readonly foldAt: number[] = [];
  private readonly foldCounts: number[] = [];
  private foldTop = -1;

  push(v: Value): void {
    this.items.push(v);
  }

  pop(): Value {
    const items = this.items;
    if (items.length <= this.foldTop) this.folded();
    if (items.length === 0 || (this.marks.length > 0 && items.length <= this.marks[this.marks.length - 1])) throw new Stop('pop from an empty stack', -1, false);
    const v = items.pop()!;
    if (items.length < this.low) this.low = items.length;
    return v;
  }

  top(): Value {
    const n = this.items.length;
    if (n <= this.foldTop) this.folded();
    if (n === 0) throw new Stop('read from an empty stack', -1, false);
    return this.items[n - 1];
  }

  mark(at: number): void {
    if (this.marks.length >= MAX_MARKS) throw new Stop(`more than ${MAX_MARKS} open marks: analysis stopped here`, at, false, true);
    this.marks.push(this.items.length);
  }

  /** POP: drops a MARK that is on top of the stack, else the top value. */
  popTopOrMark(): void {
    const n = this.items.length;
    if (n > 0 && this.marks.length > 0 && n === this.marks[this.marks.length - 1]) this.marks.pop();
    else this.pop();
  }

  /** Pops to the last MARK. Returns at most MARK_KEEP items (all any consumer keeps); the count is in markCount. */
  popMark(): Value[] {
    if (this.marks.length === 0) throw new Stop('no MARK to pop to', -1, false);
    const m = this.marks.pop()!;
    const items = this.items;
    this.markCount = items.length - m;
    if (this.foldTop >= m) {
      // This mark's folded items: counted, never looked at (consumers keep the first MARK_KEEP).
      this.markCount += this.foldCounts.pop()!;
      this.foldAt.pop();
      this.foldTop = this.foldAt.length > 0 ? this.foldAt[this.foldAt.length - 1] : -1;
    }
    if (m < this.low) this.low = m;
    // Popped one by one: splice and assigning `length` are slow generic paths for a region of a few items.
    const n = Math.min(items.length - m, MARK_KEEP);
    const kept = new Array<Value>(n);
    while (items.length > m + n) items.pop();
    for (let j = n - 1; j >= 0; j--) kept[j] = items.pop()!;
    return kept;
  }

  /** After each opcode: sweeps once the stack has grown WINDOW slots past the last sweep. */
  afterOp(at: number): void {
    if (this.items.length <= this.sweepAt) return;
    if (this.items.length > MAX_STACK) throw new Stop(`the stack holds more than ${MAX_STACK} values: analysis stopped here`, at, false, true);
    this.sweep();
  }

  private folded(): never {
    throw new Stop('pops a value from deep inside a huge container, which the analysis no longer tracks: analysis stopped here', -1, false, true);
  }

  /** Replaces old slots (below the top WINDOW, outside the marks' kept ranges) by compact stand-ins. */
  private sweep(): void {
    const items = this.items;
    const marks = this.marks;
    const hi = items.length - WINDOW;
    let i = Math.min(this.sweptTo, this.low);
    // First mark whose kept range [m - MARK_BELOW, m + MARK_KEEP) ends after i.
    let lo = Math.max(0, marks.length - MARKS_KEPT);
    let up = marks.length;
    while (lo < up) {
      const mid = (lo + up) >>> 1;
      if (marks[mid] + MARK_KEEP <= i) lo = mid + 1;
      else up = mid;
    }
    let mi = lo;
    while (i < hi) {
      while (mi < marks.length && marks[mi] + MARK_KEEP <= i) mi++;
      if (mi < marks.length && marks[mi] - MARK_BELOW <= i) {
        i = marks[mi] + MARK_KEEP;
        continue;
      }
      const stop = mi < marks.length && marks[mi] - MARK_BELOW < hi ? marks[mi] - MARK_BELOW : hi;
      for (; i < stop; i++) {
        const v = items[i];
        if (typeof v !== 'number') items[i] = compact(v);
      }
    }
    this.sweptTo = Math.max(hi, 0);
    this.fold(hi);
    this.low = items.length;
    this.sweepAt = items.length + WINDOW;
  }

  /** Removes the swept items of the last mark whose kept items end before `hi` (see Folding). */
  private fold(hi: number): void {
    const marks = this.marks;
    let lo = 0;
    let up = marks.length;
    while (lo < up) {
      const mid = (lo + up) >>> 1;
      if (marks[mid] + MARK_KEEP < hi) lo = mid + 1;
      else up = mid;
    }
    const k = lo - 1;
    if (k < 0) return;
    const from = marks[k] + MARK_KEEP;
    const to = k + 1 < marks.length ? Math.min(hi, marks[k + 1] - MARK_BELOW) : hi;
    const n = to - from;
    if (n < FOLD_MIN || this.foldTop > from) return;
    this.items.copyWithin(from, to);
    this.items.length -= n;
    for (let j = k + 1; j < marks.length; j++) marks[j] -= n;
    if (this.foldTop === from) this.foldCounts[this.foldCounts.length - 1] += n;
    else {
      this.foldAt.push(from);
      this.foldCounts.push(n);
      this.foldTop = from;
    }
    this.sweptTo = Math.max(0, this.sweptTo - n);
  }
}
