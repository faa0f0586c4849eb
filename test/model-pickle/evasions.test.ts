// Published scanner evasions, each rebuilt by hand as bytes (test/model-pickle/evasion-cases.ts, with
// sources) and scanned the way a user would: every one must fail the default gate (high or above)
// with the expected rule. Payloads are harmless if ever loaded and are never unpickled here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Finding, Report } from '../../src/core/types.js';
import { tmpTree } from '../helpers/tmp.js';
import { cases, cat, L, p0, p4, RANK, setFlag, torchZip } from './evasion-cases.js';

let report: Promise<Report> | undefined;
const scan = () =>
  (report ??= (async () => {
    const t = tmpTree(Object.fromEntries(cases.map((c) => [c.file, c.bytes])));
    try {
      return await scanPaths([t.dir], { cwd: t.dir, gitignore: false });
    } finally {
      t.cleanup();
    }
  })());

const fmt = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.severity} ${f.location.innerPath ?? ''} ${f.message}`).join('\n');

for (const c of cases) {
  test(`evasion: ${c.name}`, async () => {
    const all = (await scan()).findings.filter((f) => f.location.path === c.file);
    const min = RANK[c.min ?? 'high'];
    const hits = all.filter((f) => (!c.rule || f.ruleId === c.rule) && (!c.inner || f.location.innerPath === c.inner) && RANK[f.severity] >= min);
    assert.ok(hits.length > 0, `${c.file}: no ${c.rule ?? 'finding'} at ${c.min ?? 'high'}+${c.inner ? ` in ${c.inner}` : ''}; got:\n${fmt(all)}`);
  });
}

test('a torch zip whose data.pkl is flagged encrypted in the central directory is never a silent pass', async () => {
  // torch.load refuses it too (PytorchStreamReader: failed retrieving file meta-data), so the gap is reported, not a payload.
  const t = tmpTree({ 'enc.pt': setFlag(torchZip(p0('os', 'system')), 'archive/data.pkl', 0x0001) });
  try {
    const r = await scanPaths([t.dir], { cwd: t.dir, gitignore: false });
    const f = r.findings.filter((x) => x.location.path === 'enc.pt');
    assert.ok(f.some((x) => x.location.innerPath === 'archive/data.pkl' && RANK[x.severity] >= RANK.medium), fmt(f));
  } finally {
    t.cleanup();
  }
});

test('every evasion case name is unique and every file fails the default gate', async () => {
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
  assert.equal(new Set(cases.map((c) => c.file)).size, cases.length);
});


test('hard negatives: the re-export heuristic and the new module entries leave harmless names alone', async () => {
  const t = tmpTree({
    'unknown.pkl': p4('mypkg.utils', 'build_vocab', 'x'),
    'logger.pkl': p4('logging', 'getLogger', 'train'),
    'uuid.pkl': p4('uuid', 'UUID', '12345678123456781234567812345678'),
    'copyreg.pkl': cat([0x80, 2], L('ccopyreg\n_reconstructor\n'), L('cbuiltins\nobject\n'), L('cbuiltins\nobject\nN'), [0x87, 0x52, 0x2e]),
  });
  try {
    const r = await scanPaths([t.dir], { cwd: t.dir, gitignore: false });
    const sev = (p: string) => Math.max(-1, ...r.findings.filter((f) => f.location.path === p).map((f) => RANK[f.severity]));
    assert.equal(sev('unknown.pkl'), RANK.medium, 'an unknown helper is an unknown import (medium), not a payload');
    assert.equal(sev('logger.pkl'), -1);
    assert.equal(sev('uuid.pkl'), -1);
    assert.equal(sev('copyreg.pkl'), -1);
  } finally {
    t.cleanup();
  }
});
