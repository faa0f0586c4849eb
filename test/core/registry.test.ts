import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRules, validateRule } from '../../src/scan/registry.js';

test('every discovered rule has complete, valid metadata and a unique id', async () => {
  const rules = await loadRules();
  assert.ok(rules.length >= 3);
  const ids = new Set<string>();
  for (const r of rules) {
    validateRule(r);
    assert.ok(!ids.has(r.meta.id), `duplicate ${r.meta.id}`);
    ids.add(r.meta.id);
  }
  for (const core of ['scan/unreadable', 'scan/limit-exceeded', 'scan/archive-path-traversal']) assert.ok(ids.has(core), core);
});

test('validateRule rejects a rule without remediation or references', () => {
  const bad = { meta: { id: 'x/y', title: 't', severity: 'high' as const, description: 'd', remediation: '', references: [], tags: [] } };
  assert.throws(() => validateRule(bad), /remediation is empty.*needs at least one reference/);
});

test('validateRule rejects ids without a domain prefix', () => {
  const bad = { meta: { id: 'NoDomain', title: 't', severity: 'high' as const, description: 'd', remediation: 'r', references: ['x'], tags: [] } };
  assert.throws(() => validateRule(bad), /domain\/kebab-case/);
});

test('every rule is named by at least one test or by the bundled example\'s expected findings', async () => {
  // A weak but useful floor: a rule nobody names is a rule nobody checked. Table-driven suites name
  // rules by their short form ('anthropic-api-key'), fixture-driven ones by `expect: rule-id`
  // annotations in the fixture files, so all of these count.
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const corpus: string[] = [readFileSync('examples/ml-project/expected-findings.txt', 'utf8')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.isFile() || p.endsWith(join('core', 'registry.test.ts'))) continue;
      else if (e.name.endsWith('.ts')) corpus.push(readFileSync(p, 'utf8'));
      else if (p.includes(`${join('test', 'fixtures')}`) && statSync(p).size < 256 * 1024) {
        corpus.push(...readFileSync(p, 'latin1').split('\n').filter((l) => l.includes('expect:')));
      }
    }
  };
  walk('test');
  // Secrets detectors carry their own examples, run one by one by test/secrets/examples.test.ts.
  const { DETECTORS } = await import('../../src/rules/secrets/detector-table.js');
  corpus.push(...DETECTORS.filter((d) => d.examples.match.length && d.examples.noMatch.length).map((d) => `secrets/${d.id}`));
  const text = corpus.join('\n');
  const unnamed = (await loadRules()).map((r) => r.meta.id).filter((id) => !text.includes(id) && !text.includes(`'${id.split('/')[1]}'`));
  assert.deepEqual(unnamed, []);
});
