import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli } from '../helpers/cli.js';
import { buildZip } from '../helpers/zip-writer.js';
import { tmpTree } from '../helpers/tmp.js';

// The traversal rule gives a deterministic high finding; a truncated zip gives a medium one.
function tree(extra: Record<string, string | Buffer> = {}) {
  const zip = buildZip([{ name: 'a.txt', data: 'hello '.repeat(50), deflate: true }]);
  return tmpTree({
    'slip.zip': buildZip([{ name: '../evil.sh', data: 'x' }]),
    'cut.zip': zip.subarray(0, zip.length - 10),
    ...extra,
  });
}

test('exit codes: 1 at or above --fail-on (default high), 0 below it, 3 when only coverage gaps reach it, 2 on usage errors', async () => {
  const t = tree();
  try {
    assert.equal((await cli(['scan', '.'], { cwd: t.dir })).code, 1);
    assert.equal((await cli(['scan', '.', '--fail-on', 'critical'], { cwd: t.dir })).code, 0);
    assert.equal((await cli(['scan', 'cut.zip'], { cwd: t.dir })).code, 0);
    // A truncated zip is a coverage gap (scan/unreadable, also under "errors"): gated, but told apart.
    assert.equal((await cli(['scan', 'cut.zip', '--fail-on', 'medium'], { cwd: t.dir })).code, 3);
    assert.equal((await cli(['scan', '.', '--fail-on', 'medium'], { cwd: t.dir })).code, 1);
    assert.equal((await cli(['scan', '.', '--fail-on', 'none'], { cwd: t.dir })).code, 0);
    const bad = await cli(['scan', '--severity', 'severe'], { cwd: t.dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--severity: 'severe' is not a severity/);
    assert.equal((await cli(['scan', '--no-such-flag'], { cwd: t.dir })).code, 2);
    assert.equal((await cli(['frobnicate'], { cwd: t.dir })).code, 2);
    const missing = await cli(['scan', 'no-such-dir'], { cwd: t.dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory: no-such-dir/);
  } finally {
    t.cleanup();
  }
});

test('--severity hides findings below the level (and they no longer gate)', async () => {
  const t = tree();
  try {
    const r = await cli(['scan', '.', '-f', 'json', '--severity', 'high', '--fail-on', 'medium'], { cwd: t.dir });
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.findings.map((f: { ruleId: string }) => f.ruleId), ['scan/archive-path-traversal']);
    assert.equal(r.code, 1);
  } finally {
    t.cleanup();
  }
});

test('--format is repeatable and FMT=FILE writes each to its file; the report goes to stdout, logs to stderr', async () => {
  const t = tree();
  try {
    const r = await cli(['scan', '.', '-f', 'json=out.json', '-f', 'sarif=out.sarif', '-f', 'table', '--no-color'], { cwd: t.dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /scan\/archive-path-traversal/);
    assert.ok(!r.stdout.trim().startsWith('{'));
    assert.equal(JSON.parse(readFileSync(join(t.dir, 'out.json'), 'utf8')).tool.name, 'mlwarden');
    assert.equal(JSON.parse(readFileSync(join(t.dir, 'out.sarif'), 'utf8')).version, '2.1.0');
    const o = await cli(['scan', '.', '-f', 'json', '-o', 'report.json'], { cwd: t.dir });
    assert.equal(o.stdout, '');
    assert.ok(existsSync(join(t.dir, 'report.json')));
    assert.equal((await cli(['scan', '.', '-f', 'xml'], { cwd: t.dir })).code, 2);
  } finally {
    t.cleanup();
  }
});

test('colour only on a TTY and never under NO_COLOR; progress only on a TTY and not with --quiet', async () => {
  const t = tree();
  try {
    assert.ok(!(await cli(['scan', '.'], { cwd: t.dir })).stdout.includes('\x1b['));
    const tty = await cli(['scan', '.'], { cwd: t.dir, tty: true });
    assert.ok(tty.stdout.includes('\x1b['));
    assert.ok(!(await cli(['scan', '.'], { cwd: t.dir, tty: true, env: { NO_COLOR: '1' } })).stdout.includes('\x1b['));
    assert.ok(!(await cli(['scan', '.', '--quiet'], { cwd: t.dir, tty: true })).stderr.includes('scanning'));
  } finally {
    t.cleanup();
  }
});

test('config precedence: flags > MLWARDEN_* env > mlwarden.config.yaml (found upward) > defaults', async () => {
  const t = tree({ 'mlwarden.config.yaml': 'failOn: critical\nformat: json\n' });
  try {
    const fromFile = await cli(['scan', 'slip.zip'], { cwd: join(t.dir) });
    assert.equal(fromFile.code, 0, 'file sets failOn critical');
    assert.ok(fromFile.stdout.startsWith('{'), 'file sets json');
    const fromEnv = await cli(['scan', 'slip.zip'], { cwd: t.dir, env: { MLWARDEN_FAIL_ON: 'high' } });
    assert.equal(fromEnv.code, 1, 'env beats file');
    const fromFlag = await cli(['scan', 'slip.zip', '--fail-on', 'critical'], { cwd: t.dir, env: { MLWARDEN_FAIL_ON: 'high' } });
    assert.equal(fromFlag.code, 0, 'flag beats env');
  } finally {
    t.cleanup();
  }
});

test('invalid config is exit 2 with the file, the key and the reason', async () => {
  const t = tree({ 'mlwarden.config.yaml': 'failOn: sometimes\n' });
  const u = tree({ 'mlwarden.config.yaml': 'limits:\n  maxEntryBytes: lots\n' });
  const k = tree({ 'mlwarden.config.yaml': 'colour: true\n' });
  try {
    const r = await cli(['scan', '.'], { cwd: t.dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /mlwarden\.config\.yaml: failOn: 'sometimes' is not one of/);
    assert.match((await cli(['scan', '.'], { cwd: u.dir })).stderr, /limits\.maxEntryBytes: 'lots' is not a size/);
    assert.match((await cli(['scan', '.'], { cwd: k.dir })).stderr, /colour: unknown key/);
  } finally {
    t.cleanup();
    u.cleanup();
    k.cleanup();
  }
});

test('config limits are applied (a lower member cap produces a limit finding)', async () => {
  const many = buildZip(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
  const t = tmpTree({ 'many.zip': many, 'mlwarden.config.yaml': 'limits:\n  maxArchiveMembers: 5\n' });
  try {
    const j = JSON.parse((await cli(['scan', '.', '-f', 'json'], { cwd: t.dir })).stdout);
    assert.equal(j.stats.archiveMembers, 5);
    assert.match(j.findings[0].message, /only the first 5/);
  } finally {
    t.cleanup();
  }
});

test('baseline: `mlwarden baseline` records findings and `scan --baseline` shows only new ones', async () => {
  const t = tree();
  try {
    assert.equal((await cli(['baseline', '.', '-o', 'base.json', '-q'], { cwd: t.dir })).code, 0);
    const again = await cli(['scan', '.', '--baseline', 'base.json', '-f', 'json'], { cwd: t.dir });
    const j = JSON.parse(again.stdout);
    assert.equal(j.findings.length, 0);
    assert.ok(j.suppressed.every((f: { suppression: { kind: string } }) => f.suppression.kind === 'baseline'));
    assert.equal(again.code, 0);
    const bad = await cli(['scan', '.', '--baseline', 'missing.json'], { cwd: t.dir });
    assert.equal(bad.code, 2);
  } finally {
    t.cleanup();
  }
});

test('`rules` lists every rule and `rules ID` documents one', async () => {
  const list = await cli(['rules']);
  assert.match(list.stdout, /^scan\/archive-path-traversal\s+high\s+Archive member/m);
  const one = await cli(['rules', 'scan/unreadable']);
  assert.match(one.stdout, /Fix: /);
  assert.match(one.stdout, /References:\n {2}- https:/);
  assert.equal((await cli(['rules', 'nope/none'])).code, 2);
  const json = JSON.parse((await cli(['rules', '--json'])).stdout);
  assert.ok(json.every((m: { id: string; remediation: string }) => m.id && m.remediation));
});

test('--help documents the exit codes; --version prints the package version', async () => {
  const h = await cli(['scan', '--help']);
  assert.match(h.stdout, /Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
  const v = await cli(['--version']);
  assert.equal(v.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
});

test('the built binary runs end to end (report on stdout, exit code from findings)', () => {
  const t = tree();
  try {
    const r = spawnSync(process.execPath, [join(process.cwd(), 'dist/src/cli/main.js'), 'scan', '.', '-f', 'json'], { cwd: t.dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).tool.name, 'mlwarden');
  } finally {
    t.cleanup();
  }
});
