// Adversarial inputs: every one must finish in linear time (patterns are bounded by design: no nested
// quantifiers, regexes only in windows around keywords, every decoder visits each character a
// bounded number of times).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from './helpers.js';
import { growthAsync, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';
import { parseNotebookText } from '../../src/parsers/notebook/notebook.js';
import { jsonStringOffsets } from '../../src/parsers/notebook/json-positions.js';

// Each input is built at a size n; the scan's time at 8n over its time at n stays far below the
// 64-fold that quadratic work would give (test/helpers/growth.ts).
const N = 100_000;
const CASES: Array<[string, (n: number) => string]> = [
  ['a token prefix followed by endless letters', (n) => 'hf_' + 'a'.repeat(n)],
  ['an OpenAI-looking run without the infix', (n) => 'sk-' + 'A'.repeat(n)],
  ['the OpenAI infix repeated', (n) => 'sk-' + 'T3BlbkFJ'.repeat(n / 8)],
  ['an unterminated private key', (n) => '-----BEGIN PRIVATE KEY-----\n' + 'QUFB\n'.repeat(n / 5)],
  ['many private key headers', (n) => '-----BEGIN PRIVATE KEY-----'.repeat(n / 27)],
  ['a URL with an endless user part', (n) => 'postgres://' + 'a'.repeat(n) + ':b@'],
  ['many URL schemes', (n) => 'https://a:'.repeat(n / 10)],
  ['JWT-like dots', (n) => 'eyJ' + 'a'.repeat(20) + '.'.repeat(n) + 'eyJ'],
  ['repeated eyJ', (n) => 'eyJ.'.repeat(n / 4)],
  ['netrc keywords without values', (n) => 'machine '.repeat(n / 8)],
  ['a docker auth without the closing quote', (n) => '"auth": "' + 'A'.repeat(n)],
  ['a line full of JSON unicode escapes', (n) => '"' + '\\u0041'.repeat(n / 6)],
  ['unicode escapes outside strings', (n) => '\\u0041 '.repeat(n / 7)],
  ['a line full of percent escapes', (n) => '%41'.repeat(n / 3)],
  ['one huge base64 run', (n) => 'QUJD'.repeat(n / 4)],
  ['base64 runs that decode to text', (n) => 'SGVsbG8gd29ybGQgaGVsbG8gd29ybGQ= '.repeat(n / 33)],
  ['assignment-shaped noise', (n) => 'wandb_api_key = "'.repeat(n / 17)],
  ['AWS key ids everywhere', (n) => 'AKIA2222222222222222 '.repeat(n / 21)],
];

for (const [what, make] of CASES) {
  test(`scans ${what} in linear time`, async () => {
    assert.ok(Array.isArray(await scanText(make(N))));
    const ratio = await growthAsync(make, scanText, N);
    assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
  });
}

test('deeply nested JSON does not blow the stack in the position scanner', () => {
  const deep = '['.repeat(100_000) + '"x"' + ']'.repeat(100_000);
  const offsets = jsonStringOffsets(deep, { maxDepth: 8 });
  assert.equal(offsets.size, 0);
});

test('a notebook with absurd shapes is read without throwing', () => {
  const nb = parseNotebookText(JSON.stringify({ nbformat: 4, cells: [null, 1, { cell_type: 'code', source: [1, null, 'x'], outputs: [null, { output_type: 'stream', text: 5 }, { output_type: 'display_data', data: null }] }] }));
  assert.equal(nb.texts.length, 1);
});
