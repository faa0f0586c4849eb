// Baselines are earlier JSON reports: every fingerprint in them (shown or suppressed) is known and
// hidden from later runs. Fingerprints carry no line numbers, so edits elsewhere do not void them.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';

export async function loadBaseline(file: string): Promise<Set<string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`--baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const d = data as { findings?: unknown; suppressed?: unknown };
  if (typeof d !== 'object' || d === null || !Array.isArray(d.findings)) {
    throw new ConfigError(`--baseline ${file}: not an mlwarden JSON report (no 'findings' array)`);
  }
  const set = new Set<string>();
  for (const f of [...d.findings, ...(Array.isArray(d.suppressed) ? d.suppressed : [])]) {
    if (f && typeof (f as { fingerprint?: unknown }).fingerprint === 'string') set.add((f as { fingerprint: string }).fingerprint);
  }
  return set;
}
