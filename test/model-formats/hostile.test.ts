// Hostile inputs: lying lengths, truncation, deep nesting and random bytes never crash or hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemorySource } from '../../src/io/sources.js';
import { sniff } from '../../src/core/sniff.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { ParseError } from '../../src/core/errors.js';
import type { Entry, ParseContext, Parser } from '../../src/core/types.js';
import { safetensorsParser } from '../../src/parsers/safetensors/safetensors.js';
import { ggufParser } from '../../src/parsers/gguf/gguf.js';
import { onnxParser } from '../../src/parsers/onnx/onnx.js';
import { hdf5Parser } from '../../src/parsers/hdf5/hdf5.js';
import { kerasParser, walkConfig, type KerasModel } from '../../src/parsers/keras/keras.js';
import { savedModelParser } from '../../src/rules/model/savedmodel-ops.js';
import { judgeTemplate } from '../../src/rules/model/gguf-chat-template-injection.js';
import { scanJson } from '../../src/parsers/safetensors/json-scan.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-formats');

function entry(buf: Buffer, name: string): Entry {
  return { kind: 'file', path: name, name, size: buf.length, source: new MemorySource(buf), depth: 0, type: sniff(buf.subarray(0, 8192)) };
}
function ctx(e: Entry): ParseContext {
  const models = new Map<Parser, Promise<unknown>>();
  const c: ParseContext = {
    limits: DEFAULT_LIMITS,
    checkTime() {},
    use: <T>(p: Parser<T>) => {
      if (!models.has(p)) models.set(p, p.parse(e, c));
      return models.get(p) as Promise<T>;
    },
  };
  return c;
}
async function survives(p: Parser, buf: Buffer, name: string): Promise<void> {
  const e = entry(buf, name);
  if (!p.accepts(e)) return;
  try {
    await p.parse(e, ctx(e));
  } catch (err) {
    assert.ok(err instanceof ParseError, `${p.id} on ${name}: ${String(err)}`);
  }
}

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

const CASES: Array<[Parser, string]> = [
  [safetensorsParser, 'benign.safetensors'],
  [ggufParser, 'benign.gguf'],
  [onnxParser, 'external-ok/model.onnx'],
  [hdf5Parser, 'benign-legacy.h5'],
  [hdf5Parser, 'benign-legacy-latest.h5'],
  [kerasParser, 'benign-legacy.h5'],
  [kerasParser, 'lambda-nested.keras'],
  [savedModelParser, 'savedmodel-file-ops/saved_model.pb'],
];

for (const [parser, file] of CASES) {
  test(`${parser.id}: every truncation and 300 random mutations of ${file} end in a model or a ParseError`, async () => {
    const good = readFileSync(join(FIX, file));
    const name = file.split('/').pop()!;
    for (let n = 0; n < good.length; n += Math.max(1, Math.floor(good.length / 200))) await survives(parser, good.subarray(0, n), name);
    const rand = rng(file.length * 7919);
    for (let i = 0; i < 300; i++) {
      const b = Buffer.from(good);
      const flips = 1 + Math.floor(rand() * 8);
      for (let k = 0; k < flips; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      // Keep the magic so that the parser gets past detection.
      good.copy(b, 0, 0, 8);
      await survives(parser, b, name);
    }
  });
}

test('GGUF string length of 2^63 is reported, not allocated', async () => {
  const b = Buffer.alloc(64);
  b.write('GGUF', 0);
  b.writeUInt32LE(3, 4);
  b.writeBigUInt64LE(0n, 8);
  b.writeBigUInt64LE(1n, 16);
  b.writeBigUInt64LE(2n ** 63n, 24);
  const e = entry(b, 'x.gguf');
  const m = await ggufParser.parse(e, ctx(e));
  assert.equal(m.issues[0].code, 'length-too-large');
});

test('a Keras config nested 100k levels deep is walked without recursion', () => {
  let v: unknown = { class_name: 'Lambda', config: { name: 'deep' } };
  for (let i = 0; i < 100_000; i++) v = { class_name: 'Wrapper', config: { layer: v } };
  const model: KerasModel = { container: 'keras-v3', refs: [], issues: [], hasWeights: false, layerCount: 0 };
  walkConfig(v, 'config.json', model);
  assert.ok(model.refs.some((r) => r.className === 'Lambda'));
});

test('JSON scan stops at the depth cap on a bracket bomb', () => {
  const r = scanJson('['.repeat(1_000_000));
  assert.equal(r.depthExceeded, true);
});

test('real chat-template idioms (namespace, selectattr, raise_exception) are not flagged', () => {
  for (const t of [
    "{%- set ns = namespace(found=false) -%}{%- for m in messages|selectattr('role','equalto','system') -%}{%- set ns.found = true -%}{%- endfor -%}",
    "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{{ messages|rejectattr('role', 'equalto', 'tool')|list|length }}",
    "{{ bos_token }}{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] | trim + '<|im_end|>' }}{% endfor %}{{ tools | tojson(indent=2) }}",
  ]) assert.equal(judgeTemplate(t), undefined, t);
});

test('template injection variants are flagged', () => {
  for (const t of [
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('echo mlwarden-test').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ request.application.__self__._get_data_for_json.__globals__['json'].JSONEncoder }}",
    "{{ x['__cla' ~ 'ss__'] }}",
    "{{ x|attr('__ssalc__'[::-1]) }}",
    "{{ namespace.__init__.__globals__.os.system('echo mlwarden-test') }}",
  ]) {
    const v = judgeTemplate(t);
    assert.ok(v && (v.severity === 'critical' || v.severity === 'high'), t);
  }
});
