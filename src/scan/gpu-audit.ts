// The library entry point of `mlwarden gpu`: evidence (live or captured) -> engine -> Report.
//   const { report } = await auditGpu({ from: 'evidence/' });
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadIgnoreFile, type IgnoreEntry } from '../config/ignore-file.js';
import { runTargets, type ScanOptions } from './scan-paths.js';
import { buildGpuHostModel, type GpuHostModel } from '../parsers/gpu/host.js';
import { collectEvidence, type CollectOptions } from '../targets/gpu/collect.js';
import { loadEvidenceDir, type GpuEvidence } from '../parsers/gpu/evidence.js';
import { gpuTarget } from '../targets/gpu/target.js';
import type { Report } from '../core/types.js';

export interface GpuAuditOptions extends ScanOptions, CollectOptions {
  /** Audit a captured evidence directory instead of this host. */
  from?: string;
  /** Site-specific cgroup prefixes of scheduled jobs (gpu/process-outside-job). */
  jobCgroups?: string[];
}

export interface GpuAudit {
  report: Report;
  evidence: GpuEvidence;
  model: GpuHostModel;
}

export async function gatherEvidence(opts: GpuAuditOptions): Promise<GpuEvidence> {
  if (opts.from) {
    const dir = resolve(opts.cwd ?? process.cwd(), opts.from);
    return loadEvidenceDir(dir, opts.label ?? opts.from);
  }
  return collectEvidence(opts);
}

export async function auditGpu(opts: GpuAuditOptions = {}): Promise<GpuAudit> {
  const evidence = await gatherEvidence(opts);
  const cwd = opts.cwd ?? process.cwd();
  const ignoreFiles = [opts.ignoreFile ? resolve(cwd, opts.ignoreFile) : undefined, opts.from ? join(resolve(cwd, opts.from), '.mlwardenignore.yaml') : undefined];
  const ignores: IgnoreEntry[] = [];
  for (const f of ignoreFiles) {
    if (!f || !existsSync(f)) continue;
    const ig = await loadIgnoreFile(f);
    ignores.push(...ig.entries);
    for (const w of ig.warnings) opts.onWarning?.(w);
  }
  const report = await runTargets(
    [gpuTarget(evidence)],
    { ...opts, ruleOptions: { ...opts.ruleOptions, gpuJobCgroups: opts.jobCgroups ?? [] } },
    ignores,
  );
  return { report, evidence, model: buildGpuHostModel(evidence) };
}
