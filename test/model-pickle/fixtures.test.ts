import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Finding, Report } from '../../src/core/types.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-pickle');
/** `bzip2 -c` of "hello\n" (a real bzip2 stream). */
const bzip2Header = Buffer.from('425a6839314159265359c1c080e2000001410000100244a00030cd00c3462997177245385090c1c080e2', 'hex');
const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;

let benign: Promise<Report> | undefined;
let malicious: Promise<Report> | undefined;
const scanBenign = () => (benign ??= scanPaths([join(FIX, 'benign')], { cwd: FIX }));
const scanMalicious = () => (malicious ??= scanPaths([join(FIX, 'malicious')], { cwd: FIX }));

function of(r: Report, file: string): Finding[] {
  return r.findings.filter((f) => f.location.path === file);
}

/** Benign files that carry code by design or cannot be opened: high is the honest verdict for them. */
const CODE_CARRIERS = new Set(['benign/dill_lambda.pkl', 'benign/cloudpickle_function.pkl']);

test('real checkpoints from torch, numpy, scikit-learn and joblib produce no high or critical finding', async () => {
  const r = await scanBenign();
  const bad = r.findings.filter((f) => RANK[f.severity] >= RANK.high && !CODE_CARRIERS.has(f.location.path));
  assert.deepEqual(bad.map((f) => `${f.ruleId} ${f.location.path}!${f.location.innerPath ?? ''} ${f.message}`), []);
  assert.equal(r.errors.filter((e) => !CODE_CARRIERS.has(e.path)).length, 0, JSON.stringify(r.errors));
});

test('inventories every recognised model file with format and framework', async () => {
  const r = await scanBenign();
  const byPath = new Map(r.inventory.map((i) => [`${i.path}${i.innerPath ? `!${i.innerPath}` : ''}`, i]));
  assert.equal(byPath.get('benign/linear_state_dict.pt')?.format, 'pytorch-zip');
  assert.equal(byPath.get('benign/linear_state_dict.pt')?.tensors, 2);
  assert.equal(byPath.get('benign/linear_legacy.pt')?.format, 'pytorch-legacy');
  assert.equal(byPath.get('benign/scripted.pt')?.format, 'torchscript');
  assert.equal(byPath.get('benign/arrays.npz')?.format, 'numpy-npz');
  assert.equal(byPath.get('benign/weights.npy')?.format, 'numpy-npy');
  assert.equal(byPath.get('benign/pipeline.joblib')?.framework, 'scikit-learn');
  assert.equal(byPath.get('benign/pipeline_zlib.joblib')?.format, 'joblib+zlib');
  // Members of a recognised container are covered by the container's record.
  assert.ok(![...byPath.keys()].some((k) => k.endsWith('data.pkl')));
  for (const i of r.inventory) assert.equal(i.sha256, undefined);
});

test('adds sha256 to inventory records only when asked', async () => {
  const r = await scanPaths([join(FIX, 'benign', 'weights.npy')], { cwd: FIX, ruleOptions: { hash: true } });
  const rec = r.inventory.find((i) => i.path === 'benign/weights.npy');
  assert.match(String(rec?.sha256 ?? ''), /^[0-9a-f]{64}$/);
});

test('reports whole-model torch.save as medium, not as malware', async () => {
  const f = of(await scanBenign(), 'benign/whole_model_sequential.pt');
  assert.deepEqual(f.map((x) => `${x.ruleId}:${x.severity}`), ['model/torch-whole-model:medium']);
});

test('flags dill and cloudpickle functions as code carriers (high), without calling them executed', async () => {
  const r = await scanBenign();
  for (const file of ['benign/dill_lambda.pkl', 'benign/cloudpickle_function.pkl']) {
    const max = Math.max(...of(r, file).map((f) => RANK[f.severity]));
    assert.equal(max, RANK.high, file);
  }
});

const EXPECT: Array<[string, string, keyof typeof RANK]> = [
  ['os_system_p0.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['posix_stack_global.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['inst_eval.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['memo_confusion.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['build_planted_names.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['build_planted_names.pkl', 'model/pickle-indirect-reference', 'high'],
  ['dotted_pathlib_os_system.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['getattr_import_module.pkl', 'model/pickle-indirect-reference', 'critical'],
  ['pkgutil_resolve_name.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['nested_pickle_loads.pkl', 'model/pickle-nested', 'high'],
  ['nested_pickle_loads.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['hidden_nested_pickle.pkl', 'model/pickle-nested', 'high'],
  ['ext_opcode.pkl', 'model/pickle-indirect-reference', 'high'],
  ['truncated_after_reduce.pkl', 'model/pickle-truncated', 'high'],
  ['truncated_after_reduce.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['payload_after_stop.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['payload_after_stop.pkl', 'model/pickle-trailing-data', 'medium'],
  ['frame_length_lie.pkl', 'model/pickle-frame-mismatch', 'medium'],
  ['frame_length_lie.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['invalid_opcode_after_payload.pkl', 'model/pickle-truncated', 'high'],
  ['attrgetter_gadget.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['functools_partial.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['py2_builtin_eval.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['numpy_runstring.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['torch_hub_load.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['marshal_function.pkl', 'model/pickle-indirect-reference', 'critical'],
  ['runpy_run_code.pkl', 'model/pickle-dangerous-global', 'critical'],
  ['unknown_global.pkl', 'model/pickle-unknown-global', 'medium'],
  ['notes.txt', 'model/polyglot-disguised-pickle', 'high'],
  ['notes.txt', 'model/pickle-dangerous-global', 'critical'],
  ['print_payload.pkl', 'model/pickle-dangerous-global', 'medium'],
  ['torch_zip_payload.pt', 'model/pickle-dangerous-global', 'critical'],
  ['torch_zip_header_mismatch.pt', 'model/torch-zip-header-mismatch', 'high'],
  ['polyglot_pickle_zip.pt', 'model/polyglot-pickle-zip', 'critical'],
  ['zlib_wrapped.joblib', 'model/pickle-dangerous-global', 'critical'],
  ['bz2_wrapped.pkl.bz2', 'model/pickle-dangerous-global', 'critical'],
  ['model.pt.7z', 'model/compressed-unscannable', 'high'],
  ['object_array_payload.npy', 'model/pickle-dangerous-global', 'critical'],
  ['object_array_payload.npy', 'model/numpy-object-array', 'low'],
];

for (const [file, rule, severity] of EXPECT) {
  test(`flags ${file} with ${rule} at ${severity}`, async () => {
    const f = of(await scanMalicious(), `malicious/${file}`).filter((x) => x.ruleId === rule);
    assert.ok(f.length > 0, `no ${rule} finding on ${file}`);
    assert.equal(Math.max(...f.map((x) => RANK[x.severity])), RANK[severity], f.map((x) => `${x.severity} ${x.message}`).join('\n'));
  });
}

test('every hand-built malicious fixture fails the default gate (high or above)', async () => {
  const r = await scanMalicious();
  const files = new Set(EXPECT.map(([f]) => f));
  for (const file of files) {
    if (file === 'unknown_global.pkl' || file === 'print_payload.pkl') continue;
    const max = Math.max(...of(r, `malicious/${file}`).map((x) => RANK[x.severity]));
    assert.ok(max >= RANK.high, file);
  }
});

test('a 7z model whose header cannot be read is reported by the model rule (high) and the gap is in errors', async () => {
  const r = await scanMalicious();
  for (const file of ['malicious/model.pt.7z']) {
    const ids = of(r, file).map((f) => f.ruleId).sort();
    assert.deepEqual(ids, ['model/compressed-unscannable', 'scan/unreadable'], file);
    assert.ok(r.errors.some((e) => e.path === file && e.ruleId === 'scan/unreadable'), file);
  }
});

test('a broken bzip2 file that is not named like a model gets only the generic scan/unreadable finding', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlw-bz2-'));
  try {
    writeFileSync(join(dir, 'notes.txt.bz2'), bzip2Header.subarray(0, 30));
    writeFileSync(join(dir, 'hello.txt.bz2'), bzip2Header);
    const r = await scanPaths([dir], { cwd: dir });
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.location.path}`), ['scan/unreadable notes.txt.bz2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the PyTorch legacy tar layout: benign members are clean, a payload in its pickle member is critical', async () => {
  const b = of(await scanBenign(), 'benign/legacy_tar.pt');
  assert.deepEqual(b.filter((f) => RANK[f.severity] >= RANK.medium).map((f) => `${f.ruleId} ${f.location.innerPath} ${f.message}`), []);
  const inv = (await scanBenign()).inventory.filter((i) => i.path === 'benign/legacy_tar.pt');
  assert.deepEqual(inv.map((i) => i.format), ['pytorch-legacy-tar']);
  const m = of(await scanMalicious(), 'malicious/legacy_tar_payload.pt');
  assert.ok(m.some((f) => f.ruleId === 'model/pickle-dangerous-global' && f.severity === 'critical' && f.location.innerPath === 'pickle'));
  // A pickle torch loads from the `storages` member after the raw storage bytes (the views list).
  const v = of(await scanMalicious(), 'malicious/legacy_tar_views_payload.pt');
  assert.ok(v.some((f) => f.ruleId === 'model/pickle-dangerous-global' && f.severity === 'critical' && f.location.innerPath === 'storages'), v.map((f) => f.message).join('\n'));
});
