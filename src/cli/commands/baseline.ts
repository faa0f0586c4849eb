import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { scanPaths } from '../../scan/scan-paths.js';
import { renderJson } from '../../report/json.js';
import { parse, resolveSettings, REPORT_OPTIONS } from '../report-options.js';
import { SCAN_OPTIONS, scanOptionsFrom } from '../scan-options.js';
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
      ...SCAN_OPTIONS,
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const paths = positionals.length ? positionals : ['.'];
    const s = await resolveSettings(values, io, paths[0]);
    // Everything is recorded: no --severity filter and no earlier baseline.
    const report = await scanPaths(paths, { ...scanOptionsFrom(values, s, io), minSeverity: undefined, baseline: undefined, mask: true });
    const out = resolve(io.cwd, values.output ?? 'mlwarden-baseline.json');
    await writeFile(out, renderJson(report));
    if (!s.quiet) io.stderr.write(`baseline: ${report.findings.length} findings recorded in ${values.output ?? 'mlwarden-baseline.json'}\n`);
    return 0;
  },
};
export default command;
