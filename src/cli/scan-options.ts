// The file-scanning flags shared by `scan` and `baseline`, and how they combine with the resolved
// settings into the library's ScanOptions (one place, so both commands scan the same way).
import { UsageError } from '../core/errors.js';
import type { ScanOptions } from '../scan/scan-paths.js';
import type { CliIO } from './io.js';
import type { ReportSettings } from './report-options.js';

export const SCAN_OPTIONS = {
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  hash: { type: 'boolean' },
  context: { type: 'string' },
} as const;

function contextMode(flag: unknown, fromConfig: 'auto' | 'production' | undefined): 'auto' | 'production' {
  if (flag === undefined) return fromConfig ?? 'auto';
  if (flag !== 'auto' && flag !== 'production') throw new UsageError(`--context takes auto or production, not '${String(flag)}'`);
  return flag;
}

export function scanOptionsFrom(values: Record<string, unknown>, s: ReportSettings, io: CliIO): ScanOptions {
  const list = (k: string) => (values[k] as string[] | undefined) ?? [];
  return {
    cwd: io.cwd,
    include: [...(s.config.include ?? []), ...list('include')],
    exclude: [...(s.config.exclude ?? []), ...list('exclude')],
    gitignore: values['no-gitignore'] ? false : s.config.gitignore,
    limits: s.config.limits,
    mask: s.mask,
    disable: s.config.rules?.disable,
    severityOverrides: s.config.rules?.severity,
    minSeverity: s.minSeverity,
    baseline: s.baseline,
    ignoreFile: values['ignore-file'] as string | undefined,
    onWarning: (w: string) => void (!s.quiet && io.stderr.write(`warning: ${w}\n`)),
    // The advisory database follows the CLI's environment (MLWARDEN_DB, XDG_CACHE_HOME, HOME), never process.env.
    context: contextMode(values.context, s.config.context),
    ruleOptions: { hash: values.hash === true || s.config.hash === true, advisoryEnv: io.env },
  };
}
