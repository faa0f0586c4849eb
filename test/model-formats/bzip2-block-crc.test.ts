// A bzip2 block whose CRC is wrong still reaches the unpickler in Python (libbzip2 hands out a
// block's bytes before checking its CRC; BZ2File + pickle.load runs the payload and returns before
// the error): its bytes must be scanned, never dropped as trailing garbage or lost with the error.
// Fixtures: scripts/fixtures/model-formats/corrupt_streams.py (payload built by hand, never unpickled).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'model-formats', 'corrupt-streams');

async function high(name: string): Promise<string[]> {
  const r = await scanPaths([join(DIR, name)], { cwd: DIR, gitignore: false });
  return r.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => `${f.ruleId} ${f.location.innerPath ?? ''}`);
}

test('a payload in a second bzip2 stream with a wrong block CRC is reported, not ignored as trailing garbage', async () => {
  const h = await high('split-stream.pkl.bz2');
  assert.ok(h.some((x) => /^model\/pickle-(dangerous|globals)/.test(x) || /os\.system|dangerous/.test(x)), h.join('\n'));
});

test('a payload in a bzip2 block with a wrong block CRC is scanned in the salvaged part', async () => {
  const h = await high('bad-block-crc.pkl.bz2');
  assert.ok(h.some((x) => x.startsWith('model/compressed-unscannable')), h.join('\n'));
  assert.ok(h.some((x) => !x.startsWith('model/compressed-unscannable') && !x.startsWith('scan/')), h.join('\n'));
});

test('a truncated gzip holding a pickle is reported whatever its name (alone the pickle is critical)', async () => {
  const r = await scanPaths([join(DIR, 'notes.gz')], { cwd: DIR, gitignore: false });
  const f = r.findings.map((x) => `${x.ruleId} ${x.severity} ${x.location.innerPath ?? ''}`);
  assert.ok(f.some((x) => x.startsWith('model/pickle-dangerous-global critical')), f.join('\n'));
  assert.ok(r.errors.some((e) => e.ruleId === 'scan/unreadable'), 'the corrupt stream is a coverage gap');
});
