#!/usr/bin/env node
import { run } from './run.js';
import { processIO } from './io.js';

run(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`mlwarden: fatal: ${e}\n`);
    process.exitCode = 2;
  },
);
