import { scanPaths, selectRules } from '../../scan.js';
import { Progress } from '../progress.js';
import { EXIT_CODE_HELP } from '../exit-codes.js';
import { emitReport, parse, REPORT_HELP, REPORT_OPTIONS, resolveSettings } from '../report-options.js';
import type { Command } from '../command.js';

const usage = `Usage: mlwarden scan [options] [PATH...]

Scans files, directories and archives (zip, tar, tar.gz; nested as outer.zip!inner/path) for
unsafe model files, secrets and ML infrastructure misconfigurations. PATH defaults to '.'.

Scan options:
      --include GLOB       only scan files matching GLOB (root-relative; repeatable)
      --exclude GLOB       skip files and folders matching GLOB (repeatable)
      --no-gitignore       also scan files that .gitignore excludes
      --hash               add sha256 of each model file to the inventory

${REPORT_HELP}

${EXIT_CODE_HELP}`;

const command: Command = {
  name: 'scan',
  summary: 'scan files, folders and archives',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      ...REPORT_OPTIONS,
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'no-gitignore': { type: 'boolean' },
      hash: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const paths = positionals.length ? positionals : ['.'];
    const s = await resolveSettings(values, io, paths[0]);
    const progress = new Progress(io, !s.quiet && io.stderr.isTTY === true);
    const opts = {
      cwd: io.cwd,
      include: [...(s.config.include ?? []), ...(values.include ?? [])],
      exclude: [...(s.config.exclude ?? []), ...(values.exclude ?? [])],
      gitignore: values['no-gitignore'] ? false : s.config.gitignore,
      limits: s.config.limits,
      mask: s.mask,
      disable: s.config.rules?.disable,
      severityOverrides: s.config.rules?.severity,
      minSeverity: s.minSeverity,
      baseline: s.baseline,
      ignoreFile: values['ignore-file'],
      onEntry: progress.onEntry,
      onWarning: (w: string) => !s.quiet && io.stderr.write(`warning: ${w}\n`),
      // The advisory database follows the CLI's environment (MLWARDEN_DB, XDG_CACHE_HOME, HOME), never process.env.
      ruleOptions: { hash: values.hash === true || s.config.hash === true, advisoryEnv: io.env },
    };
    const report = await scanPaths(paths, opts);
    progress.done();
    return emitReport(report, await selectRules(opts), s, io);
  },
};
export default command;
