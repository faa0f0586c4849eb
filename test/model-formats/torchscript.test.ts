import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Report } from '../../src/core/types.js';
import { scanTorchScript } from '../../src/parsers/model/torchscript-code.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-formats', 'torchscript');
const RULE = 'model/torchscript-dangerous-op';
let cached: Promise<Report> | undefined;
const report = () => (cached ??= scanPaths(['.'], { cwd: FIX, gitignore: false }));
const of = async (p: string) => (await report()).findings.filter((f) => f.location.path === p);

test('flags torch.save in a scripted forward() with member and line', async () => {
  const f = (await of('writer.pt')).filter((x) => x.ruleId === RULE);
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'high');
  assert.equal(f[0].location.innerPath, 'writer/code/__torch__.py');
  assert.equal(f[0].location.line, 8);
  assert.match(f[0].message, /torch\.save in forward\(\)/);
});

test('torch.from_file in __setstate__ runs on load: critical', async () => {
  const f = (await of('reader.pt')).filter((x) => x.ruleId === RULE);
  assert.deepEqual(f.map((x) => `${x.severity} ${x.evidence}`), ['critical torch.from_file']);
  assert.match(f[0].message, /__setstate__/);
});

test('sees torch.save spelled across a line continuation (torch.jit.load accepts it)', async () => {
  const f = (await of('writer_obfuscated.pt')).filter((x) => x.ruleId === RULE);
  assert.equal(f.length, 1);
  assert.equal(f[0].evidence, 'torch.save');
});

test('a third-party native operator is medium', async () => {
  const f = (await of('custom_op.pt')).filter((x) => x.ruleId === RULE);
  assert.deepEqual(f.map((x) => `${x.severity} ${x.evidence}`), ['medium ops.mlwarden_test.relu']);
});

test('a benign scripted model (with torch.save in an error string) is clean', async () => {
  assert.deepEqual((await of('benign_scripted.pt')).map((x) => `${x.ruleId} ${x.message}`), []);
  const r = await scanPaths([join(process.cwd(), 'test', 'fixtures', 'model-pickle', 'benign', 'scripted.pt')], { cwd: process.cwd() });
  assert.deepEqual(r.findings.map((x) => x.ruleId), []);
});

test('the TorchScript scanner ignores strings and comments and matches ops/aten spellings', () => {
  const src = [
    'class M(Module):',
    '  def forward(self: __torch__.M, x: Tensor) -> Tensor:',
    '    _0 = "torch.save(x, p)"  # torch.from_file(p)',
    "    _1 = '''torch.save",
    "    '''",
    '    torch.ops.aten.save(x, "a")',
    '    ops.aten.from_file("b", False, 1)',
    '    ops.prim.Print(x)',
    '    ops.quantized.add(x, x, 1.0, 0)',
    '    c = __torch__.torch.classes.evil_ns.Loader',
    '    return (torch).save(x, "c")',
  ].join('\n');
  const hits = scanTorchScript('code/__torch__.py', src);
  assert.deepEqual(hits.map((h) => `${h.line} ${h.call} ${h.kind} ${h.method}`), [
    '6 torch.ops.aten.save file-write forward',
    '7 ops.aten.from_file file-read forward',
    '10 __torch__.torch.classes.evil_ns.Loader custom-class forward',
    '11 save file-write forward',
  ]);
});
