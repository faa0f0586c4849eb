import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Finding, Report } from '../../src/core/types.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-formats');
let cached: Promise<Report> | undefined;
/** One scan of the whole fixture folder, shared by the tests (fast, and tests the directory path). */
function report(): Promise<Report> {
  cached ??= scanPaths(['.'], { cwd: FIX, gitignore: false });
  return cached;
}
async function findingsFor(path: string): Promise<Finding[]> {
  return (await report()).findings.filter((f) => f.location.path === path);
}
async function expectRule(path: string, ruleId: string, severity?: string): Promise<Finding> {
  const fs = await findingsFor(path);
  const f = fs.find((x) => x.ruleId === ruleId);
  assert.ok(f, `${path}: expected ${ruleId}, got ${JSON.stringify(fs.map((x) => x.ruleId))}`);
  if (severity) assert.equal(f.severity, severity, `${path}: ${f.message}`);
  return f;
}
async function expectClean(path: string): Promise<void> {
  const fs = await findingsFor(path);
  assert.deepEqual(fs.map((f) => `${f.ruleId}: ${f.message}`), [], `${path} should have no findings`);
}

const BENIGN = [
  'benign.safetensors',
  'benign.gguf',
  'benign.onnx',
  'external-ok/model.onnx',
  'local-function.onnx',
  'benign.keras',
  'benign-legacy.h5',
  'benign-legacy-latest.h5',
  'plain-data.h5',
  'savedmodel-benign/saved_model.pb',
];

for (const b of BENIGN) test(`real benign model ${b} has no findings`, () => expectClean(b));

test('every benign model file is in the inventory with format and size', async () => {
  const inv = (await report()).inventory;
  const byPath = new Map(inv.map((r) => [r.path, r]));
  for (const [path, format] of [
    ['benign.safetensors', 'safetensors'],
    ['benign.gguf', 'gguf'],
    ['benign.onnx', 'onnx'],
    ['benign.keras', 'keras'],
    ['benign-legacy.h5', 'keras-h5'],
    ['savedmodel-benign/saved_model.pb', 'savedmodel'],
  ]) {
    const r = byPath.get(path);
    assert.ok(r, `no inventory record for ${path}`);
    assert.equal(r.format, format);
    assert.equal(r.kind, 'model');
    assert.ok(typeof r.size === 'number' && r.size > 0);
    assert.equal(r.sha256, undefined, 'sha256 only with --hash');
  }
  assert.equal(byPath.get('benign.safetensors')!.tensors, 2);
  assert.ok(!byPath.has('plain-data.h5'), 'a plain HDF5 data file is not a model');
  assert.ok(!inv.some((r) => r.innerPath === 'model.weights.h5'), 'weights inside a .keras archive are part of that model');
});

test('adds sha256 to the inventory only when hash is requested', async () => {
  const r = await scanPaths(['benign.safetensors'], { cwd: FIX, gitignore: false, ruleOptions: { hash: true } });
  assert.match(String(r.inventory[0].sha256), /^[0-9a-f]{64}$/);
});

// safetensors
test('flags a pickle appended after the safetensors tensors', async () => {
  const f = await expectRule('trailing-pickle.safetensors', 'model/safetensors-invalid-tensor-layout', 'high');
  assert.match(f.message, /after the last tensor/);
});
test('flags overlapping safetensors offsets', () => expectRule('overlap.safetensors', 'model/safetensors-invalid-tensor-layout', 'high'));
test('flags duplicate keys in a safetensors header', () => expectRule('duplicate-key.safetensors', 'model/safetensors-invalid-header', 'high'));
test('flags a safetensors dtype x shape that disagrees with the byte length', () => expectRule('shape-mismatch.safetensors', 'model/safetensors-invalid-tensor-layout', 'high'));
test('flags non-string __metadata__ values', () => expectRule('metadata-not-string.safetensors', 'model/safetensors-invalid-header', 'medium'));
test('flags a header length that lies, without allocating it', () => expectRule('lying-header-length.safetensors', 'model/safetensors-invalid-header', 'high'));
test('flags a truncated safetensors file', () => expectRule('truncated.safetensors', 'model/safetensors-invalid-tensor-layout'));

// GGUF
test('flags a GGUF chat template that reaches os through cycler.__init__.__globals__', async () => {
  const f = await expectRule('ssti-chat-template.gguf', 'model/gguf-chat-template-injection', 'critical');
  assert.match(String(f.evidence), /__globals__/);
});
test('flags an obfuscated chat template (|attr with escaped underscores)', () => expectRule('ssti-obfuscated.gguf', 'model/gguf-chat-template-injection', 'high'));
test('flags a GGUF metadata count that cannot fit in the file', () => expectRule('lying-kv-count.gguf', 'model/gguf-invalid-structure', 'high'));
test('flags a truncated GGUF file', () => expectRule('truncated.gguf', 'model/gguf-invalid-structure'));

// ONNX
test('flags ONNX external data at an absolute path', () => expectRule('external-absolute.onnx', 'model/onnx-external-data-path', 'high'));
test('flags ONNX external data escaping the folder from inside an If subgraph', async () => {
  const f = await expectRule('external-traversal.onnx', 'model/onnx-external-data-path', 'high');
  assert.match(f.message, /\.\./);
});
test('flags ONNX operators from a custom domain (medium) and PyOp (high)', async () => {
  await expectRule('custom-domain.onnx', 'model/onnx-custom-operator-domain', 'medium');
  await expectRule('pyop.onnx', 'model/onnx-custom-operator-domain', 'high');
});
test('reports a truncated ONNX model as incompletely analysed', () => expectRule('truncated.onnx', 'model/onnx-invalid-structure'));

// SavedModel
test('flags ReadFile and WriteFile ops inside a SavedModel function', async () => {
  const fs = (await findingsFor('savedmodel-file-ops/saved_model.pb')).filter((f) => f.ruleId === 'model/savedmodel-dangerous-op');
  assert.deepEqual(fs.map((f) => f.properties?.op).sort(), ['ReadFile', 'WriteFile']);
  assert.ok(fs.some((f) => String(f.evidence).includes('/root/.ssh/id_rsa')));
});
test('flags EagerPyFunc in a SavedModel graph', () => expectRule('savedmodel-pyfunc/saved_model.pb', 'model/savedmodel-dangerous-op', 'critical'));
test('flags checkpoint ops only when their file name escapes', () => expectRule('savedmodel-save-traversal/saved_model.pb', 'model/savedmodel-dangerous-op', 'high'));

// Keras
test('flags a Lambda layer nested in Sequential and TimeDistributed in a .keras archive', async () => {
  const f = await expectRule('lambda-nested.keras', 'model/keras-lambda-layer', 'high');
  assert.equal(f.location.innerPath, 'config.json');
  assert.match(String(f.location.jsonPointer), /\/layer$/);
});
test('flags a Lambda layer in a legacy HDF5 model_config', () => expectRule('lambda-legacy.h5', 'model/keras-lambda-layer', 'high'));
test('flags module injection of os.system in config.json', () => expectRule('module-injection.keras', 'model/keras-unsafe-module-reference', 'critical'));
test('flags the keras.utils.get_file gadget', () => expectRule('get-file.keras', 'model/keras-unsafe-module-reference', 'critical'));
test('reports a custom layer module at medium, not as malware', async () => {
  const fs = await findingsFor('custom-layer.keras');
  assert.deepEqual(fs.map((f) => `${f.ruleId}:${f.severity}`), ['model/keras-unsafe-module-reference:medium']);
});
