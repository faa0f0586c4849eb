// `mlwarden db info` and `mlwarden db update --from FILE|DIR`: the advisory database the deps
// rules match against. Update is offline by design: the user downloads an OSV export (or checks
// out an advisory repository) and points at it, so scans never depend on network access.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.js';
import { bundledPath, getDatabase, parseBundle, resetDatabaseCache, userDbPath } from '../../advisories/db.js';
import { importOsv } from '../../advisories/import.js';
import { readFileSync } from 'node:fs';
import type { Command } from '../command.js';

const usage = `Usage: mlwarden db info [--json]
       mlwarden db update --from FILE|DIR [--output FILE]

The advisory database (OSV format) that deps/vulnerable-package and deps/vulnerable-image match.
A snapshot is bundled; 'db update' replaces it with records from an OSV export:
  - the per-ecosystem zip osv.dev publishes, e.g.
      https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip
  - a directory of OSV JSON files (e.g. a github/advisory-database checkout), or one JSON file
Only records for tracked ML packages are kept; bundled Go/NVIDIA records are carried over when the
export does not cover them. The result is written to (first that applies):
  --output FILE, $MLWARDEN_DB, $XDG_CACHE_HOME/mlwarden/advisories.json, ~/.cache/mlwarden/advisories.json
and scans use it in preference to the bundled snapshot (set MLWARDEN_DB to choose a file).`;

const command: Command = {
  name: 'db',
  summary: 'show or update the advisory database (OSV)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { from: { type: 'string' }, output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    const sub = positionals[0];
    if (values.help || !sub) {
      io.stdout.write(`${usage}\n`);
      return values.help ? 0 : 2;
    }
    if (sub === 'info') {
      const db = getDatabase(io.env);
      const info = { ...db.info, bundled: bundledPath(), userFile: userDbPath(io.env) };
      if (values.json) io.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
      else {
        io.stdout.write(
          `advisory database: ${info.origin === 'bundled' ? 'bundled snapshot' : info.origin === 'env' ? 'MLWARDEN_DB' : 'user database'}\n` +
            `  file:       ${info.path}\n  date:       ${info.generated}\n  source:     ${info.source}\n` +
            `  advisories: ${info.advisories} (${info.packages} packages)\n  updates go to: ${info.userFile ?? '(set MLWARDEN_DB or HOME)'}\n`,
        );
      }
      if (info.warning) io.stderr.write(`warning: ${info.warning}\n`);
      return 0;
    }
    if (sub === 'update') {
      if (!values.from) {
        throw new UsageError("db update needs --from FILE|DIR (an OSV export such as https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip); mlwarden never downloads by itself");
      }
      const from = resolve(io.cwd, values.from);
      const base = parseBundle(readFileSync(bundledPath(), 'utf8'), bundledPath());
      let result;
      try {
        result = await importOsv(from, { base });
      } catch (e) {
        throw new UsageError(`cannot read ${values.from}: ${(e as Error).message}`);
      }
      if (result.kept === 0) throw new UsageError(`${values.from}: no OSV records for tracked packages found (read ${result.read} records); database left unchanged`);
      const out = values.output ? resolve(io.cwd, values.output) : userDbPath(io.env);
      if (!out) throw new UsageError('db update: nowhere to write the database (no --output, MLWARDEN_DB, XDG_CACHE_HOME or HOME)');
      mkdirSync(dirname(out), { recursive: true });
      // Write then rename: a scan running meanwhile never reads a half-written file.
      const tmp = `${out}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(result.bundle)}\n`);
      renameSync(tmp, out);
      resetDatabaseCache();
      io.stderr.write(
        `db update: read ${result.read} records, kept ${result.kept} for tracked packages (+${result.bundle.advisories.length - result.kept} carried from the bundle); ` +
          `${result.bundle.advisories.length} advisories dated ${result.bundle.generated} written to ${out}\n`,
      );
      for (const s of result.skippedFiles.slice(0, 10)) io.stderr.write(`warning: skipped ${s}\n`);
      return 0;
    }
    throw new UsageError(`unknown db subcommand '${sub}' (info, update)`);
  },
};
export default command;
