// Builds evidence directories from the committed fixtures, so each test states exactly which
// inputs a host had.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpTree } from '../helpers/tmp.js';
import { auditGpu } from '../../src/scan/gpu-audit.js';
import type { Finding } from '../../src/core/types.js';

export const FIX = join(process.cwd(), 'test/fixtures/gpu');
export const REFX = join(FIX, 'reference');

export function fx(rel: string): string {
  return readFileSync(join(REFX, rel), 'utf8');
}

/** Audits an evidence tree given as { 'nvidia-smi-q.xml': text, ... }. */
export async function auditTree(files: Record<string, string>, opts: { jobCgroups?: string[] } = {}): Promise<Finding[]> {
  const t = tmpTree(files);
  try {
    const { report } = await auditGpu({ from: t.dir, ...opts });
    return report.findings;
  } finally {
    t.cleanup();
  }
}

export function ids(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}

export function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}
