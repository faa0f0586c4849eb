// Bench cases are discovered from bench/cases/: each default-exports a BenchCase. Every case runs in
// its own child process so that peak RSS belongs to that case alone.
export interface BenchInput {
  /** Paths to scan, created under `dir`. */
  paths: string[];
  /** Bytes and files in the input, for throughput. */
  bytes: number;
  files: number;
}

export interface BenchCase {
  name: string;
  /** Scanner the case measures, for grouping ("core", "model", "secrets", ...). */
  scanner: string;
  /** Generates the input under `dir` (no network). Reused across runs when `dir` already has it. */
  setup(dir: string): Promise<BenchInput>;
  /** The case times itself (several runs, in `run`'s extra metrics): the table's time and rate columns show '-'. */
  ownRates?: boolean;
  /** Optional custom measurement (default: scanPaths over `paths`). Returns extra metrics to print. */
  run?(input: BenchInput, dir: string): Promise<Record<string, string | number> | void>;
}

/** A loopback port that nothing listens on (bound, then released), for probe cases. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:http');
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

/**
 * A fixed CPU yardstick: MiB/s of a byte-dispatch loop (an interpreter's inner loop in miniature)
 * over 16 MiB, best of three. Shared and virtual machines change speed over minutes; printed before
 * and after a run, it says whether two runs' numbers can be compared at all.
 */
export function cpuReference(): number {
  const buf = Buffer.alloc(16 << 20);
  let x = 12345;
  for (let i = 0; i < buf.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  const stack: number[] = [];
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    let s = 0;
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      switch (c & 7) {
        case 0:
          stack.push(c);
          break;
        case 1:
          if (stack.length) s += stack.pop()!;
          break;
        case 2:
          s ^= c;
          break;
        case 3:
          s += c << 1;
          break;
        default:
          s += c;
      }
      if (stack.length > 1024) stack.length = 0;
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s === -1) console.log(s); // keeps the loop observable
    best = Math.max(best, 16 / secs);
  }
  return Math.round(best);
}
