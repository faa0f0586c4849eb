// Human output: findings grouped by file, most severe first, with the fix one line below.
import { formatBytes } from '../core/limits.js';
import { describeProvenance } from './provenance.js';
import { SEVERITIES, type Finding, type Report, type Severity } from '../core/types.js';

const COLOR: Record<Severity, string> = { critical: '\x1b[1;35m', high: '\x1b[1;31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';

export interface TableOptions {
  color: boolean;
  /** Rule remediation by id, shown under each finding. */
  remediation?: Map<string, string>;
}

function where(f: Finding): string {
  const l = f.location;
  const base = l.url ?? l.path;
  const inner = l.innerPath ? `!${l.innerPath}` : '';
  const line = l.line ? `:${l.line}${l.column ? `:${l.column}` : ''}` : '';
  return `${base}${inner}${line}`;
}

export function renderTable(report: Report, opts: TableOptions): string {
  const c = (code: string, s: string) => (opts.color ? `${code}${s}${RESET}` : s);
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = f.location.url ?? f.location.path;
    const g = groups.get(key) ?? [];
    g.push(f);
    groups.set(key, g);
  }
  for (const [file, fs] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(c(BOLD, file));
    for (const f of fs) {
      const sev = f.severity.toUpperCase().padEnd(8);
      lines.push(`  ${c(COLOR[f.severity], sev)} ${f.ruleId}  ${c(DIM, where(f))}${contextNote(f, c)}`);
      lines.push(`           ${f.message}`);
      if (f.evidence) lines.push(`           ${c(DIM, `evidence: ${f.evidence.length > 160 ? `${f.evidence.slice(0, 157)}...` : f.evidence}`)}`);
      const prov = describeProvenance(f);
      if (prov) lines.push(`           ${c(DIM, prov)}`);
      const fix = opts.remediation?.get(f.ruleId);
      if (fix) lines.push(`           ${c(DIM, `fix: ${fix.length > 200 ? `${fix.slice(0, 197)}...` : fix}`)}`);
    }
    lines.push('');
  }
  const s = report.stats;
  const counts = SEVERITIES.filter((sv) => s.findingsBySeverity[sv]).map((sv) => c(COLOR[sv], `${s.findingsBySeverity[sv]} ${sv}`));
  const total = report.findings.length;
  lines.push(
    `${total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'}`}${counts.length ? ` (${counts.join(', ')})` : ''}` +
      `${report.suppressed.length ? `, ${report.suppressed.length} suppressed` : ''}` +
      ` — ${probeSummary(report) ?? `${s.files} files, ${s.archiveMembers} archive members`}, ${formatBytes(s.bytesRead)} read in ${(s.durationMs / 1000).toFixed(2)} s` +
      `${report.errors.length ? `, ${report.errors.length} not fully analysed` : ''}` +
      `${s.contextCapped ? `, ${s.contextCapped} capped at low as test/example/archived/vendored (--context production judges them as deployed)` : ''}` +
      `${s.gitignored ? `, ${s.gitignored} path${s.gitignored === 1 ? '' : 's'} skipped by .gitignore (--no-gitignore scans them)` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `[test]`, or `[test, high in production]` when the context capped the severity. */
function contextNote(f: Finding, c: (code: string, s: string) => string): string {
  const ctx = f.properties?.context as { kind?: string; severityInProduction?: string } | undefined;
  if (!ctx?.kind) return '';
  return c(DIM, `  [${ctx.kind}${ctx.severityInProduction ? `, ${ctx.severityInProduction} in production` : ''}]`);
}

/** A probe's scale and its request budget (the probe-stats inventory record), instead of file counts. */
function probeSummary(report: Report): string | undefined {
  const p = report.inventory.find((r) => r.kind === 'probe-stats');
  if (!p) return undefined;
  const n = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : 0);
  const plural = (k: string, word: string) => `${n(k)} ${word}${n(k) === 1 ? '' : 's'}`;
  return `${plural('origins', 'origin')} probed (${n('answered')} answered, ${plural('services', 'service')}), ${n('requests')} of ${n('requestBudget')} requests in the budget`;
}
