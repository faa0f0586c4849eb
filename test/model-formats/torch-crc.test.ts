import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Report } from '../../src/core/types.js';
import { crc32Update } from '../../src/io/zip/zip-crc.js';
import { crc32 } from '../../src/io/crc32.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-formats', 'torch-crc');
let cached: Promise<Report> | undefined;
const report = () => (cached ??= scanPaths(['.'], { cwd: FIX, gitignore: false }));
const ids = async (p: string) => (await report()).findings.filter((f) => f.location.path === p);

test('flags a wrong CRC-32 on data.pkl of a real checkpoint (torch loads it, zipfile does not)', async () => {
  const f = (await ids('state_dict_bad_crc.pt')).filter((x) => x.ruleId === 'model/torch-zip-crc-mismatch');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'high');
  assert.equal(f[0].location.innerPath, 'linear_state_dict/data.pkl');
  assert.match(f[0].message, /0xdeadbeef.*0x47f4669f/);
});

test('a payload behind a bad CRC is still scanned and reported', async () => {
  const f = await ids('payload_bad_crc.pt');
  assert.ok(f.some((x) => x.ruleId === 'model/torch-zip-crc-mismatch'));
  assert.ok(f.some((x) => x.ruleId === 'model/pickle-dangerous-global' && x.severity === 'critical'));
});

test('TorchScript constants.pkl and code/ members are CRC-checked too', async () => {
  const f = (await ids('scripted_bad_crc.pt')).filter((x) => x.ruleId === 'model/torch-zip-crc-mismatch');
  assert.deepEqual(f.map((x) => x.location.innerPath).sort(), ['scripted/code/__torch__/torch/nn/modules/linear.py', 'scripted/constants.pkl']);
});

test('tensor payload CRCs are never read, and compute_crc32=False checkpoints (CRC 0 everywhere) are clean', async () => {
  assert.deepEqual((await ids('tensor_bad_crc.pt')).map((x) => x.ruleId), []);
  assert.deepEqual((await ids('state_dict_no_crc.pt')).map((x) => x.ruleId), []);
});

test('incremental CRC-32 agrees with the one-shot CRC over split input', () => {
  const b = readFileSync(join(FIX, 'state_dict_no_crc.pt'));
  let c = 0;
  for (let i = 0; i < b.length; i += 97) c = crc32Update(c, b.subarray(i, i + 97));
  assert.equal(c, crc32(b));
});
