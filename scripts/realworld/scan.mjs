#!/usr/bin/env node
// The real-world regression run: scans each repository of repos.json, checked out under DIR as
// <owner>+<name>/ (at the pinned commit; this script never downloads anything), with the built CLI,
// and prints critical/high findings per rule and per context, and how many of them labels.json
// calls true positives, noise or wrong. Usage: npm run build && node scripts/realworld/scan.mjs DIR
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/realworld/scan.mjs DIR  (DIR/<owner>+<name>/ holds each checkout)');
  process.exit(2);
}
const { repos } = JSON.parse(readFileSync(join(here, 'repos.json'), 'utf8'));
const labelsFile = join(here, 'labels.json');
/** fingerprint -> { label: 'tp' | 'noise' | 'fp', note } */
const labels = existsSync(labelsFile) ? JSON.parse(readFileSync(labelsFile, 'utf8')).labels : {};

const totals = new Map();
for (const { repo, commit, set = 'named' } of repos) {
  const tree = join(dir, repo.replace('/', '+'));
  if (!existsSync(tree)) {
    console.log(`${repo}@${commit.slice(0, 7)}: not checked out under ${dir}, skipped`);
    continue;
  }
  const r = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'scan', '.', '-f', 'json', '--fail-on', 'none', '-q'], { cwd: tree, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`${repo}: scan failed (${r.status}): ${r.stderr.slice(0, 500)}`);
    continue;
  }
  const report = JSON.parse(r.stdout);
  const high = report.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
  const byRule = new Map();
  const byContext = new Map();
  const count = { tp: 0, noise: 0, fp: 0, unlabelled: 0 };
  for (const f of high) {
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    const ctx = f.properties?.context?.kind ?? 'production';
    byContext.set(ctx, (byContext.get(ctx) ?? 0) + 1);
    count[labels[f.fingerprint]?.label ?? 'unlabelled']++;
  }
  console.log(`${repo}@${commit.slice(0, 7)}: ${report.findings.length} findings, ${high.length} critical/high, ${report.stats.contextCapped} capped by context`);
  console.log(`  by context: ${[...byContext].map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`);
  console.log(`  labels: ${count.tp} true positive, ${count.noise} right but noise, ${count.fp} wrong, ${count.unlabelled} unlabelled`);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${rule}`);
  const total = totals.get(set) ?? { high: 0, tp: 0, noise: 0, fp: 0, unlabelled: 0 };
  totals.set(set, total);
  total.high += high.length;
  for (const k of ['tp', 'noise', 'fp', 'unlabelled']) total[k] += count[k];
}
for (const [set, total] of totals) {
  const decided = total.tp + total.fp;
  const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');
  console.log(`${set}: ${total.high} critical/high; TP/(TP+FP) ${pct(total.tp, decided)}; worth acting TP/all ${pct(total.tp, total.high)}; ${total.unlabelled} unlabelled`);
}
