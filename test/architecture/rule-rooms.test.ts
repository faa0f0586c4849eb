// A reader finds any rule's home from its id alone: rule `<domain>/<name>` is the default export of
// src/rules/<domain>/<name>.ts, and that file holds its judgement (a check, a scan-wide finish or a
// gap judge). A secrets rule's file exports its detector instead (patterns, validators, examples):
// one keyword pass reads every detector, so the rules are built from the detector table
// (rules/secrets/secret-rules.ts) rather than each importing the pass that imports them. The scan/* rules are the exception by design: they are the scanner's own coverage
// reports, raised by the engine and the targets where a budget stops or a read fails
// (docs/architecture.md, "A rule's room").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadRules } from '../../src/scan/registry.js';
import type { Rule } from '../../src/core/types.js';

const rulesDir = resolve(dirname(new URL(import.meta.url).pathname), '..', '..', 'src', 'rules');
const ENGINE_RAISED = new Set(['scan/limit-exceeded', 'scan/unreadable', 'scan/archive-path-traversal']);

test('every rule id has its own file under src/rules/<domain>/<name>.ts that exports it', async () => {
  const misplaced: string[] = [];
  for (const rule of await loadRules()) {
    const file = join(rulesDir, `${rule.meta.id}.ts`);
    if (!existsSync(file)) {
      misplaced.push(`${rule.meta.id}: no ${rule.meta.id}.ts`);
      continue;
    }
    const mod = (await import(pathToFileURL(file).href)) as { default?: Rule | Rule[]; detector?: { id?: string } };
    const ids = (Array.isArray(mod.default) ? mod.default : [mod.default]).map((r) => r?.meta?.id);
    if (mod.detector?.id !== undefined) ids.push(`secrets/${mod.detector.id}`);
    if (!ids.includes(rule.meta.id)) misplaced.push(`${rule.meta.id}: ${rule.meta.id}.ts exports ${ids.filter(Boolean).join(', ') || 'no rule'}`);
  }
  assert.deepEqual(misplaced, []);
});

test('every rule judges in its own file (check, finish or gap), except the engine-raised scan/* rules', async () => {
  const nameplates = (await loadRules()).filter((r) => !r.check && !r.finish && !r.gap && !ENGINE_RAISED.has(r.meta.id)).map((r) => r.meta.id);
  assert.deepEqual(nameplates, []);
  for (const id of ENGINE_RAISED) assert.ok((await loadRules()).some((r) => r.meta.id === id), `${id} is no longer a rule: update ENGINE_RAISED`);
});
