// The pickle machine's memo, in memory that grows by two bytes per key, not by a value per key.
// Keys below LOW (where picklers put module and class names) and the RING most recent keys keep
// their full values. An older key keeps only its compact stand-in (what `compact` returns: shared
// constants, imported globals, identifier-like strings, ...) as a 16-bit id into a table of
// distinct stand-ins; a checkpoint's millions of memoised tensors share a handful of ids.
// The table is bounded too: once EXACT_MAX distinct stand-ins are in it, a new one is replaced by
// what `degrade` returns (a shared "not tracked" value for strings, tuples, call results), so a
// stream of millions of distinct memoised strings costs two bytes a key, not a string a key. Values
// that must stay exact (imported globals, nested pickles: `degrade` returns them unchanged) keep the
// slots above EXACT_MAX, which the machine's own caps (distinct imports, nested pickles) fit in.

const LOW = 4096;
const RING = 4096;
/** Ids 1..MAX_ID index `table`; ESCAPED means "in `escaped`"; 0 means "never stored". */
const MAX_ID = 0xfffe;
/** Distinct degradable stand-ins kept exactly; the ids above are for values that never degrade. */
export const EXACT_MAX = 0xfffe - 16384;
const ESCAPED = 0xffff;
/** Stand-ins remembered by identity in front of the Map (a checkpoint's tensors cycle through a handful). */
const RECENT = 8;
/** Dense id storage grows only as keys are appended (never sized from one declared key). */
const DENSE_SLACK = 1 << 16;
const EMPTY_IDS = new Uint16Array(0);
/** Fills the recent stand-ins before any is known (equal to no value). */
const NO_VALUE = {};

export class CompactMemo<V> {
  /** Keys that were stored, whatever their value (the key MEMOIZE uses next). */
  count = 0;
  private readonly low: Array<V | undefined> = [];
  // The ring of the RING most recent keys past LOW (key and full value per slot), allocated on the
  // first such key: most pickles never get there.
  private ringKey: number[] | undefined;
  private ringVal: Array<V | undefined> = [];
  private ids = EMPTY_IDS;
  private sparse: Map<number, number> | undefined;
  private readonly escaped = new Map<number, V>();
  private readonly table: V[] = [undefined as unknown as V];
  private readonly index = new Map<V, number>();
  // The last RECENT stand-ins and their ids, compared by identity before the Map lookup: a
  // checkpoint's tensors cycle through a handful of stand-ins (eight memo keys per tensor).
  private readonly recentValue: unknown[] = new Array<unknown>(RECENT).fill(NO_VALUE);
  private readonly recentId = new Uint16Array(RECENT);
  private recentNext = 0;
  /** One past the highest key at or above LOW ever stored: keys from here on are new. */
  private fresh = LOW;
  /** The stand-in of the last idOf that returned ESCAPED (the table was full). */
  private unnumbered: V = undefined as unknown as V;

  constructor(
    private readonly compact: (v: V) => V,
    /** The stand-in for `v` once the table is full: `v` itself when it must stay exact. */
    private readonly degrade: (v: V) => V = (v) => v,
  ) {}

  get(i: number): V | undefined {
    if (i < LOW) return this.low[i];
    const s = i & (RING - 1);
    if (this.ringKey !== undefined && this.ringKey[s] === i) return this.ringVal[s];
    const id = i < this.ids.length ? this.ids[i] : (this.sparse?.get(i) ?? 0);
    if (id === 0) return undefined;
    return id === ESCAPED ? this.escaped.get(i) : this.table[id];
  }

  set(i: number, v: V): void {
    if (i < LOW) {
      if (this.low[i] === undefined) this.count++;
      this.low[i] = v;
      return;
    }
    if (i >= this.fresh && this.ringKey !== undefined) {
      // A key above every key stored so far (the pickler's next key, nearly always): it is in
      // neither the ring nor the ids, so none of setOther's checks apply.
      this.fresh = i + 1;
      this.count++;
      this.enter(i, v);
      return;
    }
    this.setOther(i, v);
  }

  /** The first key past LOW, and keys at or below the highest one stored (rewrites, out of order). */
  private setOther(i: number, v: V): void {
    const ringKey = (this.ringKey ??= this.allocateRing());
    if (i >= this.fresh) {
      this.fresh = i + 1;
      this.count++;
      this.enter(i, v);
      return;
    }
    const s = i & (RING - 1);
    if (ringKey[s] === i) {
      this.ringVal[s] = v;
      return;
    }
    // Rewriting a key already moved out of the ring (no pickler does) does not bring it back.
    if (this.idAt(i) !== 0) {
      this.putOld(i, v);
      return;
    }
    this.count++;
    this.enter(i, v);
  }

  private allocateRing(): number[] {
    this.ringVal = new Array<V | undefined>(RING).fill(undefined);
    return new Array<number>(RING).fill(-1);
  }

  /** Puts a key that is in neither the ring nor the ids into the ring, evicting the slot's key. */
  private enter(i: number, v: V): void {
    // A recent stand-in (a shared call result, a shape pair, a global) is its own stand-in: keeping
    // it in the ring would only postpone storing the same id.
    if (typeof v === 'object') {
      const id = this.recentIdOf(v);
      if (id !== 0) {
        // `i` was never stored (so not escaped either) and a recent id is a table id.
        if (i < this.ids.length) this.ids[i] = id;
        else this.storeId(i, id);
        return;
      }
    }
    const ringKey = this.ringKey!;
    const s = i & (RING - 1);
    const old = ringKey[s];
    if (old >= 0) {
      // A key leaving the ring was never in the ids or the escaped map (see set): only its id is stored.
      const id = this.idOf(this.ringVal[s]!);
      if (old < this.ids.length && id !== ESCAPED) this.ids[old] = id;
      else this.storeId(old, id);
    }
    ringKey[s] = i;
    this.ringVal[s] = v;
  }

  private remember(v: V, id: number): void {
    const j = this.recentNext;
    this.recentValue[j] = v;
    this.recentId[j] = id;
    this.recentNext = (j + 1) % RECENT;
  }

  /** The id of `v` when it is one of the last RECENT stand-ins (by identity), else 0. */
  private recentIdOf(v: V): number {
    const j = this.recentValue.indexOf(v);
    return j < 0 ? 0 : this.recentId[j];
  }

  /** Sparse keys held outside the dense array (bounded by the caller's op budget). */
  get sparseSize(): number {
    return this.sparse?.size ?? 0;
  }

  private idAt(i: number): number {
    return i < this.ids.length ? this.ids[i] : (this.sparse?.get(i) ?? 0);
  }

  /** Stores the stand-in of `full` for key `i`, which is outside the ring. */
  private putOld(i: number, full: V): void {
    this.storeId(i, this.idOf(full));
  }

  /**
   * The id of `full`'s stand-in, adding the stand-in to the table if new; ESCAPED when the table is
   * full and the value must stay exact (the caller keeps it in `escaped`).
   */
  private idOf(full: V): number {
    // Stand-ins are their own stand-ins and only stand-ins are remembered, so a value that is a
    // recent stand-in (shared results, pairs, globals) is found by `compact`'s result too. Only
    // objects are probed: comparing strings may compare contents (the Map hashes them once).
    const v = this.compact(full);
    const id = typeof v === 'object' ? this.recentIdOf(v) : 0;
    return id !== 0 ? id : this.tableId(v);
  }

  private tableId(c: V): number {
    let v = c;
    let id = this.index.get(v) ?? 0;
    if (id !== 0) {
      this.remember(v, id);
      return id;
    }
    if (this.table.length > EXACT_MAX) {
      const d = this.degrade(v);
      if (d !== v) {
        v = d;
        id = this.index.get(d) ?? 0;
        if (id !== 0) return id;
      }
    }
    if (this.table.length > MAX_ID) {
      this.unnumbered = v;
      return ESCAPED;
    }
    id = this.table.length;
    this.table.push(v);
    this.index.set(v, id);
    this.remember(v, id);
    return id;
  }

  /** Stores `id` for key `i` (ESCAPED: the key keeps `unnumbered`, the stand-in idOf just gave no id). */
  private storeId(i: number, id: number): void {
    if (this.escaped.size > 0) this.escaped.delete(i);
    if (id === ESCAPED) this.escaped.set(i, this.unnumbered);
    if (i >= this.ids.length && i < this.count * 2 + DENSE_SLACK) {
      const grown = new Uint16Array(Math.max(i + 1, this.ids.length * 2, 1024));
      grown.set(this.ids);
      this.ids = grown;
      if (this.sparse) for (const [k, kid] of this.sparse) if (k < grown.length) {
        grown[k] = kid;
        this.sparse.delete(k);
      }
    }
    if (i < this.ids.length) this.ids[i] = id;
    else (this.sparse ??= new Map()).set(i, id);
  }
}
