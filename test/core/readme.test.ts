import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadRules } from '../../src/scan/registry.js';
import { withRulesSection } from '../../src/cli/rules-doc.js';

test('README rule list is generated from the registry and up to date (run `npm run docs`)', async () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(readme, withRulesSection(readme, await loadRules()));
});
