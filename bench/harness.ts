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
