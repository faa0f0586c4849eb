import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

const EXAMPLE = join(process.cwd(), 'examples', 'ml-project');

function expected(): string[] {
  return readFileSync(join(EXAMPLE, 'expected-findings.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .sort();
}

test('the bundled example reports exactly its planted findings', async () => {
  const r = await cli(['scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: EXAMPLE });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; location: { path: string; innerPath?: string } }> };
  const actual = report.findings.map((f) => `${f.ruleId}\t${f.location.path}${f.location.innerPath ? `!${f.location.innerPath}` : ''}`).sort();
  assert.deepEqual([...new Set(actual)], [...new Set(expected())]);
});

test('the bundled example fails the default gate (exit 1)', async () => {
  const r = await cli(['scan', '.', '--quiet'], { cwd: EXAMPLE });
  assert.equal(r.code, 1);
});
