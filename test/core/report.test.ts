import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { scanPaths, selectRules } from '../../src/scan/scan-paths.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderJson } from '../../src/report/json.js';
import { renderGithub } from '../../src/report/github.js';
import { renderTable } from '../../src/report/table.js';
import { buildZip } from '../helpers/zip-writer.js';
import { tmpTree } from '../helpers/tmp.js';
import { demoRule } from '../helpers/demo-rule.js';

const schemaPath = join(process.cwd(), 'test', 'fixtures', 'schemas', 'sarif-schema-2.1.0.json');

async function sampleReport() {
  const t = tmpTree({
    'app.py': 'ok\nx = 1  # DANGER\n',
    'notes.md': 'DANGER! critical one\n',
    'suppressed.py': 'DANGER  # mlwarden-ignore test/danger-line -- accepted risk\n',
    'data/pkg.zip': buildZip([{ name: 'inner/run.sh', data: 'echo DANGER\n' }, { name: '../../escape.txt', data: 'x' }]),
  });
  const rules = await selectRules({ extraRules: [demoRule] });
  const report = await scanPaths(['.'], { cwd: t.dir, extraRules: [demoRule] });
  t.cleanup();
  return { report, rules };
}

test('SARIF output validates against the official SARIF 2.1.0 schema', async () => {
  const { report, rules } = await sampleReport();
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const sarif = JSON.parse(renderSarif(report, rules));
  const ok = validate(sarif);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
});

test('SARIF carries what GitHub code scanning reads', async () => {
  const { report, rules } = await sampleReport();
  const sarif = JSON.parse(renderSarif(report, rules));
  const run = sarif.runs[0];
  const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'test/danger-line');
  assert.equal(rule.properties['security-severity'], '8.0');
  assert.ok(rule.help.markdown.includes('Remove the word.'));
  assert.ok(rule.properties.tags.includes('security'));
  const app = run.results.find((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri === 'app.py');
  assert.deepEqual(app.locations[0].physicalLocation.region, { startLine: 2, startColumn: 10 });
  assert.match(app.partialFingerprints['mlwardenFingerprint/v1'], /^[0-9a-f]{32}$/);
  const critical = run.results.find((r: { properties: { severity: string } }) => r.properties.severity === 'critical');
  assert.equal(critical.properties['security-severity'], '9.5');
});

test('SARIF points archive findings at the outer file and names the inner path', async () => {
  const { report, rules } = await sampleReport();
  const run = JSON.parse(renderSarif(report, rules)).runs[0];
  const inner = run.results.find((r: { properties: { innerPath?: string } }) => r.properties.innerPath === 'inner/run.sh');
  assert.equal(inner.locations[0].physicalLocation.artifactLocation.uri, 'data/pkg.zip');
  assert.equal(inner.locations[0].physicalLocation.region, undefined, 'no outer-file line for an inner line');
  assert.equal(inner.properties.innerLine, 1);
  assert.match(inner.message.text, /in inner\/run\.sh/);
});

test('SARIF keeps suppressed findings as suppressions', async () => {
  const { report, rules } = await sampleReport();
  const run = JSON.parse(renderSarif(report, rules)).runs[0];
  const sup = run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
  assert.equal(sup.length, 1);
  assert.deepEqual(sup[0].suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'accepted risk' }]);
});

test('the JSON report has the contract fields', async () => {
  const { report } = await sampleReport();
  const j = JSON.parse(renderJson(report));
  assert.deepEqual(Object.keys(j).sort(), ['errors', 'findings', 'inventory', 'schemaVersion', 'stats', 'suppressed', 'targets', 'tool'].sort());
  assert.equal(j.tool.name, 'mlwarden');
  for (const f of j.findings) {
    for (const k of ['ruleId', 'severity', 'title', 'message', 'location', 'fingerprint', 'references']) assert.ok(k in f, `${k} in finding`);
    assert.equal(typeof f.location.path, 'string');
  }
  const inner = j.findings.find((f: { location: { innerPath?: string } }) => f.location.innerPath === 'inner/run.sh');
  assert.deepEqual(inner.location, { path: 'data/pkg.zip', innerPath: 'inner/run.sh', line: 1, column: 6 });
  for (const k of ['entries', 'files', 'archiveMembers', 'bytesRead', 'durationMs', 'rules', 'findingsBySeverity']) assert.ok(k in j.stats, k);
});

test('GitHub annotations escape properties and only give lines of real files', async () => {
  const { report } = await sampleReport();
  const out = renderGithub(report).trim().split('\n');
  assert.ok(out.includes('::error file=app.py,line=2,col=10,title=test/danger-line%3A Line says DANGER::HIGH: DANGER on this line'));
  const inner = out.find((l) => l.includes('[in inner/run.sh:1]'))!;
  assert.ok(inner.startsWith('::error file=data/pkg.zip,title='), inner);
});

test('the table groups by file and colours only when asked', async () => {
  const { report, rules } = await sampleReport();
  const plain = renderTable(report, { color: false, remediation: new Map(rules.map((r) => [r.meta.id, r.meta.remediation])) });
  assert.ok(!plain.includes('\x1b['));
  assert.match(plain, /^app\.py\n {2}HIGH {5}test\/danger-line {2}app\.py:2:10\n {11}DANGER on this line/m);
  assert.match(plain, /fix: Remove the word\./);
  assert.match(plain, /findings \(1 critical, 3 high\), 1 suppressed/);
  assert.ok(renderTable(report, { color: true }).includes('\x1b['));
});
