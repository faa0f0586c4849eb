import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadRules } from '../../scan/registry.js';
import { UsageError } from '../../core/errors.js';
import { parse } from '../report-options.js';
import { ruleText, rulesTable, withRulesSection } from '../rules-doc.js';
import type { Command } from '../command.js';

const usage = `Usage: mlwarden rules [ID] [--json] [--markdown] [--write-readme FILE]

Without ID: lists every rule (id, severity, title). With ID: prints that rule's documentation
(what, why, how to fix, references). An ID ending in /* lists a domain (e.g. 'model/*').
  --json                machine-readable rule metadata
  --markdown            the Markdown table used in README
  --write-readme FILE   regenerate the rules section of FILE between its markers`;

const command: Command = {
  name: 'rules',
  summary: 'list rules, or document one',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
      'write-readme': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    let rules = await loadRules();
    if (values['write-readme']) {
      const f = resolve(io.cwd, values['write-readme']);
      await writeFile(f, withRulesSection(await readFile(f, 'utf8'), rules));
      io.stderr.write(`updated the rules section of ${values['write-readme']} (${rules.length} rules)\n`);
      return 0;
    }
    const id = positionals[0];
    if (id?.endsWith('/*')) rules = rules.filter((r) => r.meta.id.startsWith(id.slice(0, -1)));
    else if (id) {
      const r = rules.find((x) => x.meta.id === id);
      if (!r) throw new UsageError(`no rule '${id}' (see 'mlwarden rules')`);
      io.stdout.write(values.json ? `${JSON.stringify(r.meta, null, 2)}\n` : ruleText(r));
      return 0;
    }
    if (values.json) io.stdout.write(`${JSON.stringify(rules.map((r) => r.meta), null, 2)}\n`);
    else if (values.markdown) io.stdout.write(rulesTable(rules));
    else {
      const w = Math.max(...rules.map((r) => r.meta.id.length));
      for (const r of rules) io.stdout.write(`${r.meta.id.padEnd(w)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}\n`);
    }
    return 0;
  },
};
export default command;
