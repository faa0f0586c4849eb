// "Runs in linear time", checked without a wall-clock threshold: the same operation is timed on an
// input of size n and of size k·n in one test, and the ratio of the two must stay far below k², what
// quadratic work would give. A machine that is slow or busy slows both sizes alike; each size is
// timed in batches of calls lasting at least BATCH_MS (so microsecond calls are not lost in timer
// noise) and the fastest batch counts (a neighbour's burst slows one batch, never all). Inputs of a
// few KB fit a CPU cache that inputs of a few MB do not: n should be large enough (100 KB or more of
// text) that both sizes stream from memory, or linear code can look 2-3 times worse than linear.
// Input is built before timing starts, so building a k-times larger string is not what is measured,
// and a string input is flattened first: a string built by concatenation is a rope that some V8
// builtins (JSON.parse among them) copy again on every call, which is V8's cost, not the code's.
import { performance } from 'node:perf_hooks';

const BATCH_MS = 15;
const BATCHES = 5;

/** Milliseconds per call of `run(input)` over one batch of calls lasting at least BATCH_MS. */
function batch<T>(run: (input: T) => unknown, input: T): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run(input);
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < BATCH_MS);
  return elapsed / calls;
}

async function batchAsync<T>(run: (input: T) => Promise<unknown>, input: T): Promise<number> {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    await run(input);
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < BATCH_MS);
  return elapsed / calls;
}

export const GROWTH_FACTOR = 8;
/** Linear work grows 8-fold from n to 8n, quadratic work 64-fold: 24 leaves a factor of 3 either way. */
export const LINEAR_BOUND = 24;

/** A flat copy of a string input (JSON round trip: keeps lone surrogates); other inputs as they are. */
function flat<T>(input: T): T {
  return (typeof input === 'string' ? JSON.parse(JSON.stringify(input)) : input) as T;
}

/**
 * Time per call at 8n divided by time per call at n; `make(n)` builds the input (outside the timing).
 * Batches of the two sizes alternate, so a slow stretch of the machine falls on both.
 */
export function growth<T>(make: (n: number) => T, run: (input: T) => unknown, n: number): number {
  const small = flat(make(n));
  const large = flat(make(n * GROWTH_FACTOR));
  run(small); // compile the code under test before either size is timed
  let s = Infinity;
  let l = Infinity;
  for (let b = 0; b < BATCHES; b++) {
    s = Math.min(s, batch(run, small));
    l = Math.min(l, batch(run, large));
  }
  return l / s;
}

export async function growthAsync<T>(make: (n: number) => T, run: (input: T) => Promise<unknown>, n: number): Promise<number> {
  const small = flat(make(n));
  const large = flat(make(n * GROWTH_FACTOR));
  await run(small);
  let s = Infinity;
  let l = Infinity;
  for (let b = 0; b < BATCHES; b++) {
    s = Math.min(s, await batchAsync(run, small));
    l = Math.min(l, await batchAsync(run, large));
  }
  return l / s;
}

/** Assertion message naming the measured ratio. */
export function growthMessage(ratio: number): string {
  return `time grew ${ratio.toFixed(1)}-fold for ${GROWTH_FACTOR}-fold input (linear: about ${GROWTH_FACTOR}, quadratic: about ${GROWTH_FACTOR ** 2}; bound ${LINEAR_BOUND})`;
}
