import type { CliIO } from './io.js';

/** A subcommand: discovered from src/cli/commands/, so new commands need no edit elsewhere. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}
