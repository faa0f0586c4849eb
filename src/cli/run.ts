// The thin edge: parse the subcommand, call the library, map errors to exit codes. Commands are
// discovered from ./commands, so a new command is one new file.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, UsageError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { EXIT, EXIT_CODE_HELP } from './exit-codes.js';
import type { Command } from './command.js';
import type { CliIO } from './io.js';

const here = fileURLToPath(import.meta.url);
const ext = here.endsWith('.ts') ? '.ts' : '.js';

let commands: Promise<Command[]> | undefined;
export function loadCommands(): Promise<Command[]> {
  commands ??= (async () => {
    const dir = join(dirname(here), 'commands');
    const files = readdirSync(dir).filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts')).sort();
    const mods = await Promise.all(files.map((f) => import(pathToFileURL(join(dir, f)).href)));
    return mods.map((m) => m.default as Command).filter((c) => c && typeof c.run === 'function');
  })();
  return commands;
}

async function help(): Promise<string> {
  const cmds = await loadCommands();
  const w = Math.max(...cmds.map((c) => c.name.length));
  return `mlwarden ${VERSION} — security scanner for AI/ML infrastructure

Usage: mlwarden <command> [options]

Commands:
${cmds.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`).join('\n')}

'mlwarden <command> --help' shows a command's options.

${EXIT_CODE_HELP}
`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout.write(await help());
      return name ? EXIT.OK : EXIT.ERROR;
    }
    if (name === '--version' || name === '-V' || name === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.OK;
    }
    const cmd = (await loadCommands()).find((c) => c.name === name);
    if (!cmd) throw new UsageError(`unknown command '${name}' (see 'mlwarden --help')`);
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      io.stderr.write(`mlwarden: ${e.message}\n`);
      return EXIT.ERROR;
    }
    io.stderr.write(`mlwarden: fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.ERROR;
  }
}
