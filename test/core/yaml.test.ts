import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlText, yamlNestingDepth } from '../../src/parsers/yaml/yaml.js';

test('splits multi-document streams and keeps exact lines', () => {
  const m = parseYamlText('a: 1\n---\nkind: Pod\nspec:\n  containers:\n    - name: x\n      image: y\n');
  assert.equal(m.documents.length, 2);
  const d = m.documents[1];
  assert.equal((d.value as { kind: string }).kind, 'Pod');
  assert.equal(m.lineOf(d, ['spec', 'containers', 0, 'image']), 7);
  assert.equal(m.lineOf(d, ['spec', 'containers', 0, 'missing']), 6);
});

test('caps alias expansion instead of building a billion-laughs document', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]`);
  const m = parseYamlText(bomb.join('\n'));
  assert.equal(m.documents[0].value, undefined);
  assert.match(m.documents[0].error ?? '', /alias/i);
});

test('a broken document is reported while the others still parse', () => {
  const m = parseYamlText('ok: 1\n---\nbad: [unclosed\n---\nfine: 2\n');
  assert.equal(m.documents.length, 3);
  assert.ok(m.documents[1].error);
  assert.deepEqual(m.documents[2].value, { fine: 2 });
});

test('refuses nesting deeper than the cap before the recursive parser can overflow the stack', () => {
  const n = 5000;
  const block = 'a:\n' + Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}b${i}:`).join('\n') + ' x\n';
  const flow = '['.repeat(n) + ']'.repeat(n);
  const seq = Array.from({ length: n }, () => '-').join(' ') + ' x\n';
  for (const t of [block, flow, seq]) assert.throws(() => parseYamlText(t), /nested about \d+ levels deep/);
});

test('ordinary documents are well under the nesting cap', () => {
  const doc = 'spec:\n  template:\n    spec:\n      containers:\n        - name: x\n          args: ["--a", "[not nesting]"]\n          env: [{name: A, value: "{"}]\n';
  assert.ok(yamlNestingDepth(doc) < 12, String(yamlNestingDepth(doc)));
  assert.equal(parseYamlText(doc).documents.length, 1);
});

test('a templated key (Helm `{{ .Name }}: x`) is parsed without a process warning on stderr', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    const m = parseYamlText('metadata:\n  {{ .Name }}: x\n  name: a\n');
    assert.equal(m.documents.length, 1);
    // process.emitWarning delivers on a later tick: wait for it before looking.
    await new Promise((done) => setImmediate(done));
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings, []);
});
