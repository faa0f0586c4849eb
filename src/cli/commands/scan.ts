import { scanPaths, selectRules } from '../../scan/scan-paths.js';
import { Progress } from '../progress.js';
import { SCAN_OPTIONS, scanOptionsFrom } from '../scan-options.js';
import { EXIT_CODE_HELP } from '../exit-codes.js';
import { emitReport, parse, REPORT_HELP, REPORT_OPTIONS, resolveSettings } from '../report-options.js';
import type { Command } from '../command.js';

const usage = `Usage: mlwarden scan [options] [PATH...]

Scans files, directories, archives (zip, tar, tar.gz; nested as outer.zip!inner/path) and container
images (docker save, OCI layouts) for unsafe model files, secrets, vulnerable versions and ML
infrastructure misconfigurations. PATH defaults to '.'.

Scan options:
      --include GLOB       only scan files matching GLOB (root-relative; repeatable)
      --exclude GLOB       skip files and folders matching GLOB (repeatable)
      --no-gitignore       also scan files that .gitignore excludes
      --hash               add sha256 of each model file to the inventory
      --context MODE       auto (default): configuration and code findings in test, example,
                           archived or vendored folders are capped at low; production: judge
                           every file as deployed

${REPORT_HELP}

${EXIT_CODE_HELP}`;

const command: Command = {
  name: 'scan',
  summary: 'scan files, folders, archives and container images',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      ...REPORT_OPTIONS,
      ...SCAN_OPTIONS,
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const paths = positionals.length ? positionals : ['.'];
    const s = await resolveSettings(values, io, paths[0]);
    const progress = new Progress(io, !s.quiet && io.stderr.isTTY === true);
    const opts = { ...scanOptionsFrom(values, s, io), onEntry: progress.onEntry };
    const report = await scanPaths(paths, opts);
    progress.done();
    return emitReport(report, await selectRules(opts), s, io);
  },
};
export default command;
