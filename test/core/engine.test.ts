import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { buildZip } from '../helpers/zip-writer.js';
import { tmpTree } from '../helpers/tmp.js';
import { demoRule } from '../helpers/demo-rule.js';
import type { Rule } from '../../src/core/types.js';
import type { TextModel } from '../../src/parsers/text/text.js';

const opts = (dir: string, extra = {}) => ({ cwd: dir, extraRules: [demoRule], ...extra });

test('findings carry rule metadata, exact location and a fingerprint', async () => {
  const t = tmpTree({ 'app.py': 'x = 1\ny = 2  # DANGER here\n' });
  try {
    const r = await scanPaths(['.'], opts(t.dir));
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.equal(f.ruleId, 'test/danger-line');
    assert.equal(f.title, 'Line says DANGER');
    assert.equal(f.severity, 'high');
    assert.deepEqual(f.location, { path: 'app.py', line: 2, column: 10 });
    assert.deepEqual(f.references, ['https://example.invalid/danger']);
    assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
  } finally {
    t.cleanup();
  }
});

test('fingerprints survive edits that move the finding to another line', async () => {
  const a = tmpTree({ 'app.py': 'z = DANGER\n' });
  const b = tmpTree({ 'app.py': '\n\n\nimport os\nz = DANGER\n' });
  try {
    const fa = (await scanPaths(['.'], opts(a.dir))).findings[0];
    const fb = (await scanPaths(['.'], opts(b.dir))).findings[0];
    assert.notEqual(fa.location.line, fb.location.line);
    assert.equal(fa.fingerprint, fb.fingerprint);
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

test('secrets are masked in evidence and the fingerprint follows the secret, not the line', async () => {
  const t = tmpTree({ 'a.env': 'KEY=tok_ABCDEFGHIJKLMNOP1234 DANGER\n', 'b.env': '# other file\nX=tok_ABCDEFGHIJKLMNOP1234 DANGER\n' });
  try {
    const r = await scanPaths(['.'], opts(t.dir));
    for (const f of r.findings) {
      assert.ok(!f.evidence!.includes('tok_ABCDEFGHIJKLMNOP1234'), f.evidence);
      assert.match(f.evidence!, /tok_\*+1234|tok_\*+/);
    }
    const unmasked = await scanPaths(['a.env'], opts(t.dir, { mask: false }));
    assert.ok(unmasked.findings[0].evidence!.includes('tok_ABCDEFGHIJKLMNOP1234'));
  } finally {
    t.cleanup();
  }
});

test('rules see archive members, and findings name the inner path and line', async () => {
  const t = tmpTree({ 'bundle.zip': buildZip([{ name: 'src/train.py', data: 'a\nDANGER\n', deflate: true }]) });
  try {
    const r = await scanPaths(['.'], opts(t.dir));
    assert.deepEqual(r.findings[0].location, { path: 'bundle.zip', innerPath: 'src/train.py', line: 2, column: 1 });
  } finally {
    t.cleanup();
  }
});

test('inline mlwarden-ignore comments suppress on the same or the previous line, with a reason', async () => {
  const t = tmpTree({
    'a.py': 'x = "DANGER"  # mlwarden-ignore test/danger-line -- fixture for docs\n',
    'b.yaml': '# mlwarden-ignore test/danger-line -- reviewed\nkey: DANGER\n',
    'c.py': 'x = "DANGER"  # mlwarden-ignore other/rule -- not this one\n',
    'd.py': '# mlwarden-ignore test/danger-line\n\nx = "DANGER"\n',
  });
  try {
    const r = await scanPaths(['.'], opts(t.dir));
    assert.deepEqual(r.findings.map((f) => f.location.path), ['c.py', 'd.py']);
    assert.deepEqual(
      r.suppressed.map((f) => [f.location.path, f.suppression]),
      [
        ['a.py', { kind: 'inline', reason: 'fixture for docs' }],
        ['b.yaml', { kind: 'inline', reason: 'reviewed' }],
      ],
    );
  } finally {
    t.cleanup();
  }
});

test('inline suppression works in notebook cell sources', async () => {
  const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: ['# mlwarden-ignore test/danger-line -- demo cell\n', 'x = "DANGER"\n'] }] }, null, 1);
  const t = tmpTree({ 'n.ipynb': nb });
  try {
    const r = await scanPaths(['.'], opts(t.dir));
    assert.equal(r.findings.length, 0);
    assert.equal(r.suppressed[0].suppression?.reason, 'demo cell');
  } finally {
    t.cleanup();
  }
});

test('.mlwardenignore.yaml excludes paths, suppresses by rule/path/fingerprint, and drops expired entries', async () => {
  const t = tmpTree({
    'vendor/lib.py': 'DANGER\n',
    'tests/fixture.py': 'DANGER\n',
    'old.py': 'DANGER\n',
    'app.py': 'DANGER\n',
    '.mlwardenignore.yaml': [
      '- path: "vendor/**"',
      '  reason: third-party code',
      '- rule: test/danger-line',
      '  path: "tests/**"',
      '  reason: fixtures',
      '- rule: test/danger-line',
      '  path: old.py',
      '  expires: 2020-01-01',
      '  reason: was temporary',
    ].join('\n'),
  });
  try {
    const warnings: string[] = [];
    const r = await scanPaths(['.'], opts(t.dir, { onWarning: (w: string) => warnings.push(w) }));
    assert.deepEqual(r.findings.map((f) => f.location.path).sort(), ['app.py', 'old.py']);
    assert.deepEqual(r.suppressed.map((f) => [f.location.path, f.suppression?.kind]), [['tests/fixture.py', 'ignore-file']]);
    assert.ok(!r.findings.concat(r.suppressed).some((f) => f.location.path.startsWith('vendor')));
    assert.match(warnings.join('\n'), /expired on 2020-01-01/);
  } finally {
    t.cleanup();
  }
});

test('a malformed ignore file is a configuration error with the file and reason', async () => {
  const t = tmpTree({ '.mlwardenignore.yaml': '- rulez: x\n' });
  try {
    await assert.rejects(scanPaths(['.'], opts(t.dir)), /\.mlwardenignore\.yaml: entry 1: unknown key 'rulez'/);
  } finally {
    t.cleanup();
  }
});

test('per-rule severity overrides and disabled rules from config apply', async () => {
  const t = tmpTree({ 'a.py': 'DANGER\n', 'b.zip': buildZip([{ name: '../x', data: 'y' }]) });
  try {
    const r = await scanPaths(['.'], opts(t.dir, { severityOverrides: { 'test/danger-line': 'low' }, disable: ['scan/*'] }));
    assert.deepEqual(r.findings.map((f) => `${f.ruleId}:${f.severity}`), ['test/danger-line:low']);
  } finally {
    t.cleanup();
  }
});

const crossFile: Rule<TextModel> = {
  ...demoRule,
  meta: { ...demoRule.meta, id: 'test/defined-nowhere' },
  check(text, ctx) {
    const uses = (ctx.state.get('uses') as Array<{ name: string; path: string; line: number }>) ?? [];
    const defs = (ctx.state.get('defs') as Set<string>) ?? new Set<string>();
    for (let n = 1; n <= text.lineCount; n++) {
      const l = text.line(n)!;
      const use = /^use (\w+)/.exec(l);
      if (use) uses.push({ name: use[1], path: ctx.entry.path, line: n });
      const def = /^define (\w+)/.exec(l);
      if (def) defs.add(def[1]);
    }
    ctx.state.set('uses', uses);
    ctx.state.set('defs', defs);
  },
  finish(ctx) {
    const defs = (ctx.state.get('defs') as Set<string>) ?? new Set();
    for (const u of (ctx.state.get('uses') as Array<{ name: string; path: string; line: number }>) ?? []) {
      if (!defs.has(u.name)) ctx.report({ path: u.path, line: u.line }, { message: `${u.name} is used but defined in no scanned file`, key: u.name });
    }
  },
};

test('scan-wide rules collect state per entry and judge once after every target (cross-file checks)', async () => {
  const t = tmpTree({ 'a.txt': 'use quota\nuse policy\n', 'b.txt': 'define quota\n' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, extraRules: [crossFile] });
    assert.deepEqual(r.findings.map((f) => `${f.message}@${f.location.path}:${f.location.line}`), ['policy is used but defined in no scanned file@a.txt:2']);
    // State is per scan: a second scan starts empty.
    const again = await scanPaths(['b.txt'], { cwd: t.dir, extraRules: [crossFile] });
    assert.deepEqual(again.findings, []);
  } finally {
    t.cleanup();
  }
});

test('findings from a scan-wide check honour inline suppressions in the file they point at', async () => {
  const t = tmpTree({ 'a.txt': 'use quota # mlwarden-ignore test/defined-nowhere -- defined by the platform team\n\nuse policy\n' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, extraRules: [crossFile] });
    assert.deepEqual(r.findings.map((f) => `${f.message}@${f.location.line}`), ['policy is used but defined in no scanned file@3']);
    assert.deepEqual(r.suppressed.map((f) => [f.location.line, f.suppression]), [[1, { kind: 'inline', reason: 'defined by the platform team' }]]);
  } finally {
    t.cleanup();
  }
});
