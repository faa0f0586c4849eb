import type { Limits } from './types.js';

// Sizes chosen so that a laptop scan of a real ML repo never hits them, while a bomb or a lying
// header stops long before memory or time do. All can be raised in config (`limits:`).
export const DEFAULT_LIMITS: Limits = {
  maxEntryBytes: 256 * 1024 * 1024,
  maxArchiveDepth: 5,
  maxArchiveMembers: 10_000,
  maxArchiveTotalBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntryMillis: 30_000,
};

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** "64MiB", "1g", 1048576 -> bytes; undefined when not a size. */
export function parseSize(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.floor(v);
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  if (!m) return undefined;
  const unit = UNITS[m[2].toLowerCase()];
  return unit === undefined ? undefined : Math.floor(parseFloat(m[1]) * unit);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A shared decompression budget for one top-level file and everything nested in it. */
export class ArchiveBudget {
  private total = 0;
  constructor(readonly limits: Limits) {}
  /** Counts `n` more decompressed bytes; false once the top-level file's budget is spent. */
  spend(n: number): boolean {
    this.total += n;
    return this.total <= this.limits.maxArchiveTotalBytes;
  }
  get spent(): number {
    return this.total;
  }
}
