import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRules, validateRule } from '../../src/core/registry.js';

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
