// Rules are discovered, not listed: every module under src/rules/ whose default export is a rule (or
// an array of rules) is registered. Adding a rule therefore touches only the rule's own files.
import { readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isSeverity } from '../core/severity.js';
import type { Rule } from '../core/types.js';

const RULE_ID = /^[a-z0-9]+\/[a-z0-9][a-z0-9-]*$/;
const here = fileURLToPath(import.meta.url);
const ext = here.endsWith('.ts') ? '.ts' : '.js';
const rulesDir = join(dirname(here), '..', 'rules');

function isRule(v: unknown): v is Rule {
  return typeof v === 'object' && v !== null && 'meta' in v && typeof (v as Rule).meta?.id === 'string';
}

/** Throws when a rule's metadata is incomplete: a rule without docs is a defect. */
export function validateRule(r: Rule): void {
  const m = r.meta;
  const problems: string[] = [];
  if (!RULE_ID.test(m.id)) problems.push('id must be domain/kebab-case');
  if (!isSeverity(m.severity)) problems.push(`severity '${m.severity}' is not valid`);
  for (const k of ['title', 'description', 'remediation'] as const) if (!m[k] || !m[k].trim()) problems.push(`${k} is empty`);
  if (!Array.isArray(m.references) || m.references.length === 0) problems.push('needs at least one reference');
  if (!Array.isArray(m.tags)) problems.push('tags must be an array');
  if ((r.parser === undefined) !== (r.check === undefined)) problems.push('parser and check go together');
  if (r.finish && !r.check) problems.push('finish needs a check that collects its state');
  if (problems.length) throw new Error(`rule ${m.id}: ${problems.join('; ')}`);
}

let cached: Promise<Rule[]> | undefined;

export function loadRules(): Promise<Rule[]> {
  cached ??= (async () => {
    const files = (readdirSync(rulesDir, { recursive: true }) as string[])
      .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && !f.includes('.test.'))
      .sort();
    const modules = await Promise.all(files.map((f) => import(pathToFileURL(join(rulesDir, f)).href)));
    const rules: Rule[] = [];
    const seen = new Map<string, string>();
    modules.forEach((mod, i) => {
      const exported = mod.default;
      for (const r of Array.isArray(exported) ? exported : [exported]) {
        if (!isRule(r)) continue;
        validateRule(r);
        const prev = seen.get(r.meta.id);
        if (prev) throw new Error(`rule id ${r.meta.id} is defined twice (${prev} and ${files[i]})`);
        seen.set(r.meta.id, files[i].split(sep).join('/'));
        rules.push(r);
      }
    });
    return rules.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  })();
  return cached;
}

export async function findRule(id: string): Promise<Rule | undefined> {
  return (await loadRules()).find((r) => r.meta.id === id);
}
