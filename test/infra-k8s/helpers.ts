import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Finding } from '../../src/core/types.js';

export const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'infra-k8s');

/** Findings of rules under `prefix` (e.g. 'k8s/') for one fixture file. */
export async function scanFixture(rel: string, prefix = ''): Promise<Finding[]> {
  const report = await scanPaths([rel], { cwd: FIXTURES, gitignore: false });
  return report.findings.filter((f) => f.ruleId.startsWith(prefix));
}

export function byRule(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

export function lines(findings: Finding[], ruleId: string): number[] {
  return byRule(findings, ruleId).map((f) => f.location.line!).sort((a, b) => a - b);
}
