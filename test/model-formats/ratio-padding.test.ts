// Padding past the decompression-bomb guard: megabytes of zeros inside a pickle literal compress far
// beyond the ratio limit, so the guard stops reading before the payload that follows them. Python's
// gzip has no such guard and runs the payload: the cut stream must fail `--fail-on high`. A pickle
// that was complete before the guard tripped (zeros after STOP) stays a medium coverage note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

const PAD = 24 * 1024 * 1024; // past the 16 MiB the ratio guard lets through

function padded(): Buffer {
  const head = Buffer.concat([Buffer.from([0x80, 4, 0x28, 0x8e]), Buffer.alloc(8)]);
  head.writeBigUInt64LE(BigInt(PAD), 4);
  return Buffer.concat([head, Buffer.alloc(PAD), Buffer.from("0cos\nsystem\n\x8c\x07echo hi\x85R.", 'latin1')]);
}

test('a payload behind compressible padding in a gzip-wrapped pickle is high, not a medium size note', async () => {
  const t = tmpTree({ 'model.pkl.gz': gzipSync(padded()) });
  const report = await scanPaths(['model.pkl.gz'], { cwd: t.dir });
  t.cleanup();
  const cut = report.findings.find((f) => f.ruleId === 'model/pickle-truncated');
  assert.ok(cut, JSON.stringify(report.findings.map((f) => f.ruleId)));
  assert.equal(cut.severity, 'high');
  assert.match(cut.message, /compression ratio/);
});

test('zeros after a complete benign pickle trip the same guard but stay medium', async () => {
  const benign = Buffer.concat([Buffer.from('\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00}\x94.', 'latin1'), Buffer.alloc(PAD)]);
  const t = tmpTree({ 'model.pkl.gz': gzipSync(benign) });
  const report = await scanPaths(['model.pkl.gz'], { cwd: t.dir });
  t.cleanup();
  assert.ok(!report.findings.some((f) => f.severity === 'high' || f.severity === 'critical'), JSON.stringify(report.findings.map((f) => `${f.ruleId}:${f.severity}`)));
});
