// The library entry point: what `mlwarden scan` does, callable from code.
//   const report = await scanPaths(['models/'], { failOn: 'high' });
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Engine, emptySeverityCounts } from './engine.js';
import { filterFindings } from './filter.js';
import { loadRules } from './registry.js';
import { loadIgnoreFile, type IgnoreEntry } from '../config/ignore-file.js';
import { loadBaseline } from '../config/baseline.js';
import { fsTarget } from '../targets/fs/target.js';
import { TOOL } from '../core/version.js';
import { UsageError } from '../core/errors.js';
import { applyContext, type ContextMode } from './context.js';
import { unitResolver } from './units.js';
import type { Entry, Limits, Report, Rule, Severity, Target } from '../core/types.js';

export const IGNORE_FILE = '.mlwardenignore.yaml';

export interface ScanOptions {
  cwd?: string;
  include?: string[];
  exclude?: string[];
  gitignore?: boolean;
  limits?: Partial<Limits>;
  mask?: boolean;
  /** Rule ids to skip. */
  disable?: string[];
  severityOverrides?: Record<string, Severity>;
  /** Only findings at or above this severity are reported. */
  minSeverity?: Severity;
  baseline?: string;
  /** Extra ignore file; `.mlwardenignore.yaml` in each scanned directory is always read. */
  ignoreFile?: string;
  onEntry?: (entry: Entry) => void;
  /** Warnings for stderr (expired ignore entries, skipped paths). */
  onWarning?: (message: string) => void;
  /** Extra options rules can read (e.g. `hash` for model inventory). */
  ruleOptions?: Record<string, unknown>;
  /** Library users' own rules, run beside the built-in ones. */
  extraRules?: Rule[];
  /**
   * 'auto' (default): findings on configuration and code in test, example, archived or vendored
   * folders are capped at low (docs/architecture.md, "Context"); 'production' judges every file as deployed.
   */
  context?: ContextMode;
}

export async function selectRules(opts: Pick<ScanOptions, 'disable' | 'extraRules'>): Promise<Rule[]> {
  const rules = [...(await loadRules()), ...(opts.extraRules ?? [])];
  const disabled = new Set(opts.disable ?? []);
  return rules.filter((r) => !disabled.has(r.meta.id) && ![...disabled].some((d) => d.endsWith('/*') && r.meta.id.startsWith(d.slice(0, -1))));
}

/** Runs targets through the engine and the filter layer; shared by scan, probe and gpu. */
export async function runTargets(targets: Target[], opts: ScanOptions, extraIgnores: IgnoreEntry[] = [], contextRoots: string[] = []): Promise<Report> {
  const started = Date.now();
  const rules = await selectRules(opts);
  const cwd = opts.cwd ?? process.cwd();
  // File scans split into deployable units (scan/units.ts); probe and GPU targets are one unit each.
  const unitOf = contextRoots.length ? unitResolver(contextRoots, cwd) : undefined;
  const engine = new Engine({ rules, limits: opts.limits, mask: opts.mask, severityOverrides: opts.severityOverrides, onEntry: opts.onEntry, ruleOptions: opts.ruleOptions, ...(unitOf ? { unitOf } : {}) });
  const res = await engine.run(targets);
  // Before the filter: `--severity` and `--fail-on` see the severity in context.
  const contextCapped = applyContext(res.findings, contextRoots, cwd, opts.context);
  const baseline = opts.baseline ? await loadBaseline(opts.baseline) : undefined;
  const { shown, suppressed } = filterFindings(res.findings, { ignores: extraIgnores, baseline, minSeverity: opts.minSeverity });
  const bySeverity = emptySeverityCounts();
  for (const f of shown) bySeverity[f.severity]++;
  return {
    tool: TOOL,
    targets: targets.map((t) => t.label),
    findings: shown,
    suppressed,
    errors: res.errors,
    inventory: res.inventory,
    stats: {
      entries: res.stats.entries,
      files: res.stats.files,
      archiveMembers: res.stats.archiveMembers,
      bytesRead: res.stats.bytesRead,
      durationMs: Date.now() - started,
      rules: rules.length,
      findingsBySeverity: bySeverity,
      gitignored: res.skipped.filter((s) => s.reason === 'gitignore').length,
      contextCapped,
    },
  };
}

export async function scanPaths(paths: string[], opts: ScanOptions = {}): Promise<Report> {
  const cwd = opts.cwd ?? process.cwd();
  const ignores: IgnoreEntry[] = [];
  const excluded: string[] = [];
  const ignoreFiles = new Set<string>();
  if (opts.ignoreFile) ignoreFiles.add(resolve(cwd, opts.ignoreFile));
  for (const p of paths) {
    const abs = resolve(cwd, p);
    // A mistyped path must not pass a CI gate as "no findings".
    if (!existsSync(abs)) throw new UsageError(`no such file or directory: ${p}`);
    const dir = existsSync(abs) && statSync(abs).isDirectory() ? abs : dirname(abs);
    if (existsSync(join(dir, IGNORE_FILE))) ignoreFiles.add(join(dir, IGNORE_FILE));
  }
  for (const f of ignoreFiles) {
    const ig = await loadIgnoreFile(f);
    ignores.push(...ig.entries);
    excluded.push(...ig.excludedPaths);
    for (const w of ig.warnings) opts.onWarning?.(w);
  }
  const targets = paths.map((p) =>
    fsTarget(p, { cwd, include: opts.include, exclude: [...(opts.exclude ?? []), ...excluded], gitignore: opts.gitignore }),
  );
  return runTargets(targets, opts, ignores, paths.map((p) => resolve(cwd, p)));
}
