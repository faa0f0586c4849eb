import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { scanPaths } from '../../scan.js';
import { renderJson } from '../../report/json.js';
import { parse } from '../report-options.js';
import { resolveSettings, REPORT_OPTIONS } from '../report-options.js';
import type { Command } from '../command.js';

const usage = `Usage: mlwarden baseline [PATH...] [-o FILE] [scan options]

Scans like 'mlwarden scan' and writes every current finding to a JSON report (default
mlwarden-baseline.json). Later, 'mlwarden scan --baseline FILE' hides those findings and shows only
new ones. Fingerprints do not include line numbers, so a baseline survives edits.`;

const command: Command = {
  name: 'baseline',
  summary: 'record current findings so later scans show only new ones',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      ...REPORT_OPTIONS,
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'no-gitignore': { type: 'boolean' },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const paths = positionals.length ? positionals : ['.'];
    const s = await resolveSettings(values, io, paths[0]);
    const report = await scanPaths(paths, {
      cwd: io.cwd,
      include: [...(s.config.include ?? []), ...(values.include ?? [])],
      exclude: [...(s.config.exclude ?? []), ...(values.exclude ?? [])],
      gitignore: values['no-gitignore'] ? false : s.config.gitignore,
      limits: s.config.limits,
      disable: s.config.rules?.disable,
      severityOverrides: s.config.rules?.severity,
      ignoreFile: values['ignore-file'],
    });
    const out = resolve(io.cwd, values.output ?? 'mlwarden-baseline.json');
    await writeFile(out, renderJson(report));
    if (!s.quiet) io.stderr.write(`baseline: ${report.findings.length} findings recorded in ${values.output ?? 'mlwarden-baseline.json'}\n`);
    return 0;
  },
};
export default command;
