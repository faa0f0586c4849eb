// One pass over the text finds every detector keyword (Aho-Corasick over ASCII, case-folded) and, in
// the same loop, the runs of base64-alphabet characters worth decoding. Each character is touched
// once: a file without any keyword costs one table lookup per byte and no regex at all.

/** Characters of the standard and URL-safe base64 alphabets (padding excluded). */
const B64 = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') B64[ch.charCodeAt(0)] = 1;

export interface KeywordHits {
  /** keyword index -> text offsets where that keyword starts (ascending). */
  hits: Map<number, number[]>;
  /** [start, end) of base64-alphabet runs at least `minRun` long. */
  runs: Array<[number, number]>;
}

export class KeywordIndex {
  private readonly delta: Int32Array;
  /** Per state: the keyword indexes that end there, or undefined. */
  private readonly outputs: Array<number[] | undefined>;
  /** 1 at index state * 128 when the state ends a keyword (dense and typed: checked for every character). */
  private readonly accepting: Uint8Array;
  private readonly lengths: number[];

  constructor(readonly keywords: string[]) {
    const next: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    this.lengths = keywords.map((k) => k.length);
    keywords.forEach((kw, ki) => {
      let s = 0;
      for (const ch of kw.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (c > 127) throw new Error(`keyword ${kw} is not ASCII`);
        let n = next[s].get(c);
        if (n === undefined) {
          n = next.length;
          next.push(new Map());
          out.push([]);
          next[s].set(c, n);
        }
        s = n;
      }
      out[s].push(ki);
    });
    // Breadth-first failure links, then a dense transition table (states x 128).
    const fail = new Array<number>(next.length).fill(0);
    const order: number[] = [];
    for (const s of next[0].values()) order.push(s);
    for (let i = 0; i < order.length; i++) {
      const r = order[i];
      for (const [c, s] of next[r]) {
        order.push(s);
        let f = fail[r];
        while (f !== 0 && !next[f].has(c)) f = fail[f];
        const g = next[f].get(c);
        fail[s] = g !== undefined && g !== s ? g : 0;
        out[s] = out[s].concat(out[fail[s]]);
      }
    }
    const delta = new Int32Array(next.length * 128);
    for (const s of [0, ...order]) {
      for (let c = 0; c < 128; c++) {
        const lc = c >= 65 && c <= 90 ? c + 32 : c;
        const g = next[s].get(lc);
        // Entries hold the target state premultiplied by 128, saving a shift per character.
        delta[s * 128 + c] = g !== undefined ? g * 128 : s === 0 ? 0 : delta[fail[s] * 128 + c];
      }
    }
    this.delta = delta;
    this.outputs = out.map((o) => (o.length ? o : undefined));
    this.accepting = new Uint8Array(next.length * 128);
    out.forEach((o, st) => (this.accepting[st * 128] = o.length ? 1 : 0));
  }

  /** Finds keyword starts and base64 runs (`minRun` 0 disables runs). */
  scan(text: string, minRun: number): KeywordHits {
    const { delta, outputs, lengths, accepting } = this;
    const hits = new Map<number, number[]>();
    const runs: Array<[number, number]> = [];
    let s = 0;
    let runStart = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c > 127) c = 0;
      s = delta[s + c];
      if (accepting[s] === 1) {
        for (const k of outputs[s >> 7]!) {
          const at = i - lengths[k] + 1;
          const list = hits.get(k);
          if (list) list.push(at);
          else hits.set(k, [at]);
        }
      }
      if (B64[c] === 0) {
        if (minRun && i - runStart >= minRun) runs.push([runStart, i]);
        runStart = i + 1;
      }
    }
    if (minRun && n - runStart >= minRun) runs.push([runStart, n]);
    return { hits, runs };
  }
}
