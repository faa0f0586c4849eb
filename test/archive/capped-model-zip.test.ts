// A zip-based model (torch.save checkpoint, .keras, .npz) inside a compressed stream has its zip
// directory at its end. A tar member (SageMaker's model.tar.gz), a .gz-wrapped file, a deflated zip
// member or a 7z member is read to it whatever its size (bounded memory; the archive budget bounds
// the work). Where a limit still stops it, nothing in the model was examined though PyTorch would
// load it: before, only scan/limit-exceeded (medium) came out, so a malicious model.pth in a large
// model.tar.gz passed `--fail-on high`; now the gap is model/compressed-unscannable (high).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import { buildTar, buildZip } from '../helpers/zip-writer.js';
import { prng } from '../helpers/prng.js';
import type { Limits } from '../../src/core/types.js';
import { write7z } from '../../scripts/fixtures/sevenzip/writer.js';

const MiB = 1024 * 1024;
/** posix.system('true'), protocol 2: what a malicious data.pkl does, harmless if ever run. */
const PAYLOAD = Buffer.from('\x80\x02cposix\nsystem\nq\x00X\x04\x00\x00\x00trueq\x01\x85q\x02Rq\x03.', 'latin1');

/** Tensor bytes that deflate does not shrink (a real checkpoint's floats barely compress either). */
function noise(size: number): Buffer {
  const r = prng(11);
  const b = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) b.writeUInt32LE((r() * 0x100000000) >>> 0, i);
  return b;
}

/** torch.save's layout: a stored zip, data.pkl first, then the tensor storages, the directory last. */
const TORCH_ZIP = buildZip([
  { name: 'model/data.pkl', data: PAYLOAD },
  { name: 'model/version', data: '3\n' },
  { name: 'model/data/0', data: noise(6 * MiB) },
]);

async function scan(files: Record<string, Buffer>, target: string, limits: Partial<Limits> = {}) {
  const t = tmpTree(files);
  try {
    const r = await scanPaths([target], { cwd: t.dir, gitignore: false, limits });
    return { findings: r.findings, seen: JSON.stringify(r.findings.map((f) => [f.ruleId, f.severity, f.location.innerPath])) };
  } finally {
    t.cleanup();
  }
}

const MODEL_TAR_GZ = gzipSync(buildTar([{ name: 'model.pth', data: TORCH_ZIP }, { name: 'code/inference.py', data: 'import torch\n' }]), { level: 1 });

test('a torch checkpoint in model.tar.gz larger than maxEntryBytes is read to its zip directory: the payload in data.pkl is critical, no gap', async () => {
  const { findings, seen } = await scan({ 'model.tar.gz': MODEL_TAR_GZ }, 'model.tar.gz', { maxEntryBytes: 4 * MiB });
  assert.ok(findings.some((f) => f.location.innerPath === 'model.pth!model/data.pkl' && f.severity === 'critical'), seen);
  assert.ok(!findings.some((f) => f.ruleId === 'model/compressed-unscannable' || f.ruleId.startsWith('scan/')), seen);
});

test('a torch checkpoint in model.tar.gz whose zip directory lies past the archive budget is high (model/compressed-unscannable), not only a medium limit', async () => {
  const { findings, seen } = await scan({ 'model.tar.gz': MODEL_TAR_GZ }, 'model.tar.gz', { maxArchiveTotalBytes: 4 * MiB });
  const gap = findings.find((f) => f.ruleId === 'model/compressed-unscannable' && f.location.innerPath === 'model.pth');
  assert.ok(gap, seen);
  assert.equal(gap.severity, 'high');
  assert.match(gap.message, /raise limits\.maxArchiveTotalBytes/);
  // The coverage gap itself stays reported, once: every parser that stopped on it adds an `errors` record only.
  assert.equal(findings.filter((f) => f.ruleId === 'scan/limit-exceeded' && f.location.innerPath === 'model.pth').length, 1, seen);
});

test('a gzip-wrapped checkpoint (model.pth.gz) and a deflated one in a zip bundle, past maxEntryBytes, are read to their zip directory: critical', async () => {
  const gz = await scan({ 'model.pth.gz': gzipSync(TORCH_ZIP, { level: 1 }) }, 'model.pth.gz', { maxEntryBytes: 4 * MiB });
  assert.ok(gz.findings.some((f) => f.location.innerPath === 'model.pth!model/data.pkl' && f.severity === 'critical'), gz.seen);
  const bundle = buildZip([{ name: 'checkpoints/pytorch_model.bin', data: TORCH_ZIP, deflate: true }]);
  const zip = await scan({ 'bundle.zip': bundle }, 'bundle.zip', { maxEntryBytes: 4 * MiB });
  assert.ok(zip.findings.some((f) => f.location.innerPath === 'checkpoints/pytorch_model.bin!model/data.pkl' && f.severity === 'critical'), zip.seen);
  for (const r of [gz, zip]) assert.ok(!r.findings.some((f) => f.ruleId === 'model/compressed-unscannable' || f.ruleId.startsWith('scan/')), r.seen);
});

test('a checkpoint in a 7z archive, past maxEntryBytes, is read to its zip directory: critical', async () => {
  const { findings, seen } = await scan({ 'model.7z': write7z([{ name: 'model.pth', data: TORCH_ZIP }], 'lzma2-stored') }, 'model.7z', { maxEntryBytes: 4 * MiB });
  assert.ok(findings.some((f) => f.location.innerPath === 'model.pth!model/data.pkl' && f.severity === 'critical'), seen);
  assert.ok(!findings.some((f) => f.ruleId === 'model/compressed-unscannable' || f.ruleId.startsWith('scan/')), seen);
});

test('a gzip-wrapped checkpoint past the archive budget is high (model/compressed-unscannable)', async () => {
  const { findings, seen } = await scan({ 'model.pth.gz': gzipSync(TORCH_ZIP, { level: 1 }) }, 'model.pth.gz', { maxArchiveTotalBytes: 4 * MiB });
  assert.ok(findings.some((f) => f.ruleId === 'model/compressed-unscannable' && f.severity === 'high' && f.location.innerPath === 'model.pth'), seen);
});

test('a zip not named like a model, cut by the same limit, stays a medium coverage gap', async () => {
  const tgz = gzipSync(buildTar([{ name: 'assets/images.zip', data: TORCH_ZIP }]), { level: 1 });
  const { findings, seen } = await scan({ 'bundle.tar.gz': tgz }, 'bundle.tar.gz', { maxArchiveTotalBytes: 4 * MiB });
  assert.ok(findings.some((f) => f.ruleId === 'scan/limit-exceeded' && f.location.innerPath === 'assets/images.zip'), seen);
  assert.ok(!findings.some((f) => f.severity === 'high' || f.severity === 'critical'), seen);
});
