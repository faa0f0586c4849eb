import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { cli } from '../helpers/cli.js';
import { tmpTree } from '../helpers/tmp.js';
import { makeZip } from '../helpers/zip-writer.js';
import { getDatabase, resetDatabaseCache } from '../../src/advisories/db.js';
import { scanPaths } from '../../src/scan/scan-paths.js';

/** An OSV record as osv.dev exports it. */
function osv(id: string, name: string, fixed: string, ecosystem = 'PyPI') {
  return JSON.stringify({
    schema_version: '1.6.0',
    id,
    modified: '2031-02-03T04:05:06Z',
    aliases: [`CVE-2031-${id.slice(-4)}`],
    summary: `test advisory ${id}`,
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] }],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
    references: [{ type: 'WEB', url: `https://example.test/${id}` }],
  });
}

test('db update reads an OSV export zip, keeps tracked packages, and scans use the result', async () => {
  const zip = makeZip({
    'GHSA-test-0001.json': osv('GHSA-test-0001', 'torch', '9.0.0'),
    'PYSEC-2031-0002.json': osv('PYSEC-2031-0002', 'left-pad-py', '1.0'),
    'broken.json': '{ not json',
  });
  const t = tmpTree({ 'all.zip': zip, 'project/requirements.txt': 'torch==8.1.0\n' });
  const dbFile = t.path('cache/advisories.json');
  const saved = process.env.MLWARDEN_DB;
  try {
    const r = await cli(['db', 'update', '--from', 'all.zip'], { cwd: t.dir, env: { MLWARDEN_DB: dbFile } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /read 2 records, kept 1 for tracked packages/);
    assert.match(r.stderr, /skipped broken\.json/);
    const bundle = JSON.parse(readFileSync(dbFile, 'utf8'));
    assert.equal(bundle.generated, '2031-02-03');
    const ids = bundle.advisories.map((a: { id: string }) => a.id);
    assert.ok(ids.includes('GHSA-test-0001'));
    assert.ok(!ids.includes('PYSEC-2031-0002'), 'untracked packages are dropped');
    assert.ok(ids.includes('CVE-2024-37032'), 'bundled Go/NVIDIA records the export does not cover are carried over');
    assert.ok(!ids.includes('GHSA-53q9-r3pm-6pq6'), 'bundled PyPI records are replaced by the PyPI export');

    const info = await cli(['db', 'info', '--json'], { env: { MLWARDEN_DB: dbFile } });
    const parsed = JSON.parse(info.stdout);
    assert.equal(parsed.origin, 'env');
    assert.equal(parsed.generated, '2031-02-03');

    resetDatabaseCache();
    const report = await scanPaths(['project'], { cwd: t.dir, ruleOptions: { advisoryEnv: { MLWARDEN_DB: dbFile } } });
    const f = report.findings.find((x) => x.ruleId === 'deps/vulnerable-package');
    assert.ok(f, 'the updated database is used by scans');
    assert.match(f.message, /CVE-2031-0001/);
    assert.equal(f.properties?.fixedVersion, '9.0.0');
    assert.match(String(f.properties?.advisoryDatabase), /^2031-02-03 /);

    const viaCli = await cli(['scan', 'project', '--format', 'json'], { cwd: t.dir, env: { MLWARDEN_DB: dbFile } });
    assert.match(viaCli.stdout, /CVE-2031-0001/, 'the CLI scan follows MLWARDEN_DB from its own environment');

    // Hermetic: a database named only in process.env (a developer's shell) steers neither library
    // scans nor CLI runs given another environment.
    process.env.MLWARDEN_DB = dbFile;
    resetDatabaseCache();
    const lib = await scanPaths(['project'], { cwd: t.dir });
    assert.ok(!JSON.stringify(lib.findings).includes('CVE-2031-0001'), 'library scans default to the bundled snapshot');
    const clean = await cli(['scan', 'project', '--format', 'json'], { cwd: t.dir, env: {} });
    assert.ok(!clean.stdout.includes('CVE-2031-0001'), 'the CLI ignores process.env');
  } finally {
    if (saved === undefined) delete process.env.MLWARDEN_DB;
    else process.env.MLWARDEN_DB = saved;
    resetDatabaseCache();
    t.cleanup();
  }
});

test('db update reads a directory of OSV JSON and writes to XDG_CACHE_HOME by default', async () => {
  const t = tmpTree({ 'osv/a/GHSA-x.json': osv('GHSA-test-0003', 'github.com/ollama/ollama', '0.2.0', 'Go'), 'osv/b/ignored.txt': 'x' });
  try {
    const r = await cli(['db', 'update', '--from', 'osv'], { cwd: t.dir, env: { XDG_CACHE_HOME: t.path('xdg') } });
    assert.equal(r.code, 0, r.stderr);
    const bundle = JSON.parse(readFileSync(t.path('xdg/mlwarden/advisories.json'), 'utf8'));
    assert.ok(bundle.advisories.some((a: { id: string }) => a.id === 'GHSA-test-0003'));
    assert.ok(bundle.advisories.some((a: { id: string }) => a.id === 'GHSA-53q9-r3pm-6pq6'), 'a Go-only export keeps the bundled PyPI records');
  } finally {
    t.cleanup();
  }
});

test('db update refuses an export without tracked records and needs --from', async () => {
  const t = tmpTree({ 'empty.zip': makeZip({ 'x.json': osv('GHSA-test-0004', 'not-tracked', '1.0') }) });
  try {
    const r = await cli(['db', 'update', '--from', 'empty.zip'], { cwd: t.dir, env: { MLWARDEN_DB: t.path('db.json') } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no OSV records for tracked packages/);
    const n = await cli(['db', 'update'], { cwd: t.dir, env: {} });
    assert.equal(n.code, 2);
    assert.match(n.stderr, /--from/);
  } finally {
    t.cleanup();
  }
});

test('db info reports the bundled snapshot and its date; a corrupt user file falls back with a warning', async () => {
  const r = await cli(['db', 'info'], { env: { MLWARDEN_DB: '/nonexistent/mlwarden.json' } });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /bundled snapshot/);
  assert.match(r.stdout, /date: +\d{4}-\d{2}-\d{2}/);
  const t = tmpTree({ 'bad.json': '{"nope": true}' });
  try {
    resetDatabaseCache();
    const db = getDatabase({ MLWARDEN_DB: t.path('bad.json') });
    assert.equal(db.info.origin, 'bundled');
    assert.match(db.info.warning ?? '', /could not be read/);
    writeFileSync(t.path('bad.json'), '[]');
  } finally {
    resetDatabaseCache();
    t.cleanup();
  }
});
