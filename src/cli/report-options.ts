// Flags shared by every command that produces a report (scan, probe, gpu, baseline), and their
// resolution: flags > MLWARDEN_* environment > mlwarden.config.yaml > defaults.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { configFromEnv, discoverConfig, loadConfigFile, mergeConfig, validateConfig, type Config } from '../config/config.js';
import { UsageError } from '../core/errors.js';
import { atLeast, parseSeverity } from '../core/severity.js';
import { parseFormat, render, type FormatRequest } from '../report/index.js';
import { COVERAGE_TAG, EXIT } from './exit-codes.js';
import { useColor, type CliIO } from './io.js';
import type { Report, Rule, Severity } from '../core/types.js';

export const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o' },
  severity: { type: 'string', short: 's' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  'ignore-file': { type: 'string' },
  'no-mask': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const REPORT_HELP = `Report options:
  -f, --format FMT[=FILE]  table (default), json, sarif, github; repeatable, each optionally to a file
  -o, --output FILE        write the report to FILE instead of stdout
  -s, --severity LEVEL     show findings at or above LEVEL (critical, high, medium, low, info)
      --fail-on LEVEL      exit 1 when a shown finding is at or above LEVEL (default high; 'none' never)
  -c, --config FILE        config file (default: mlwarden.config.yaml found upward from the target)
      --baseline FILE      hide findings whose fingerprint is in an earlier JSON report
      --ignore-file FILE   extra ignore file (.mlwardenignore.yaml in the target is always read)
      --no-mask            show secrets in full (they are masked by default)
      --no-color           no ANSI colours (also NO_COLOR=1; colour is only used on a terminal)
  -q, --quiet              no progress line or warnings on stderr`;

// eslint-disable-next-line @typescript-eslint/explicit-module-boundary-types
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T): { values: Record<string, any>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as { values: Record<string, any>; positionals: string[] };
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export interface ReportSettings {
  config: Config;
  formats: FormatRequest[];
  output?: string;
  minSeverity?: Severity;
  failOn: Severity | 'none';
  quiet: boolean;
  color: boolean;
  mask: boolean;
  baseline?: string;
}

type Values = { [K in keyof typeof REPORT_OPTIONS]?: (typeof REPORT_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof REPORT_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

/** Config file, environment and flags, merged; `configStart` is where discovery begins. */
export async function resolveSettings(values: Values & Record<string, unknown>, io: CliIO, configStart: string): Promise<ReportSettings> {
  const configPath = values.config ? resolve(io.cwd, values.config) : io.env.MLWARDEN_CONFIG ? resolve(io.cwd, io.env.MLWARDEN_CONFIG) : discoverConfig(resolve(io.cwd, configStart));
  const fileCfg = configPath ? await loadConfigFile(configPath) : {};
  const envCfg = configFromEnv(io.env);
  const flagRaw: Record<string, unknown> = {};
  if (values.severity) flagRaw.severity = parseSeverity(values.severity, '--severity');
  if (values['fail-on']) flagRaw.failOn = values['fail-on'].toLowerCase() === 'none' ? 'none' : parseSeverity(values['fail-on'], '--fail-on');
  if (values.format?.length) flagRaw.format = values.format;
  const flagCfg = validateConfig(flagRaw, 'command line');
  if (values.output) flagCfg.output = resolve(io.cwd, values.output);
  if (values.baseline) flagCfg.baseline = resolve(io.cwd, values.baseline);
  if (values['no-mask']) flagCfg.mask = false;
  const config = mergeConfig(fileCfg, envCfg, flagCfg);
  const formats = (config.format ?? ['table']).flatMap((f) => f.split(',')).map(parseFormat);
  return {
    config,
    formats,
    output: config.output,
    minSeverity: config.severity,
    failOn: config.failOn ?? 'high',
    quiet: values.quiet === true || /^(1|true)$/i.test(io.env.MLWARDEN_QUIET ?? ''),
    color: useColor(io.stdout, io.env, values['no-color'] ? false : undefined),
    mask: config.mask !== false,
    baseline: config.baseline,
  };
}

/** Writes every requested format and returns the exit code the report deserves. */
export async function emitReport(report: Report, rules: Rule[], s: ReportSettings, io: CliIO): Promise<number> {
  let toStdout = 0;
  for (const req of s.formats) {
    const target = req.file ? resolve(io.cwd, req.file) : s.output;
    const text = render(req.format, report, rules, target ? false : s.color);
    if (target) await writeFile(target, text);
    else {
      if (toStdout++ > 0) io.stdout.write('\n');
      io.stdout.write(text);
    }
  }
  return exitCodeFor(report, s.failOn);
}

export function exitCodeFor(report: Report, failOn: Severity | 'none'): number {
  if (failOn === 'none') return EXIT.OK;
  const gating = report.findings.filter((f) => atLeast(f.severity, failOn));
  if (gating.some((f) => !f.tags?.includes(COVERAGE_TAG))) return EXIT.FINDINGS;
  // Still a failure for a gate, but one a pipeline can tell apart from "a problem was found".
  return gating.length ? EXIT.INCOMPLETE : EXIT.OK;
}
