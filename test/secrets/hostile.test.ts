// Adversarial inputs: every one must finish (patterns are bounded by design: no nested quantifiers,
// regexes only in windows around keywords, every decoder visits each character a bounded number of
// times). The assertion is on work done, measured in characters, not on time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from './helpers.js';
import { parseNotebookText } from '../../src/parsers/notebook/notebook.js';
import { jsonStringOffsets } from '../../src/parsers/notebook/json-positions.js';

const N = 200_000;
const CASES: Array<[string, string]> = [
  ['a token prefix followed by endless letters', 'hf_' + 'a'.repeat(N)],
  ['an OpenAI-looking run without the infix', 'sk-' + 'A'.repeat(N)],
  ['the OpenAI infix repeated', 'sk-' + 'T3BlbkFJ'.repeat(N / 8)],
  ['an unterminated private key', '-----BEGIN PRIVATE KEY-----\n' + 'QUFB\n'.repeat(N / 5)],
  ['many private key headers', '-----BEGIN PRIVATE KEY-----'.repeat(N / 27)],
  ['a URL with an endless user part', 'postgres://' + 'a'.repeat(N) + ':b@'],
  ['many URL schemes', 'https://a:'.repeat(N / 10)],
  ['JWT-like dots', 'eyJ' + 'a'.repeat(20) + '.'.repeat(N) + 'eyJ'],
  ['repeated eyJ', 'eyJ.'.repeat(N / 4)],
  ['netrc keywords without values', 'machine '.repeat(N / 8)],
  ['a docker auth without the closing quote', '"auth": "' + 'A'.repeat(N)],
  ['a line full of JSON unicode escapes', '"' + '\\u0041'.repeat(N / 6)],
  ['unicode escapes outside strings', '\\u0041 '.repeat(N / 7)],
  ['a line full of percent escapes', '%41'.repeat(N / 3)],
  ['one huge base64 run', 'QUJD'.repeat(N / 4)],
  ['base64 runs that decode to text', ('SGVsbG8gd29ybGQgaGVsbG8gd29ybGQ= ').repeat(N / 33)],
  ['assignment-shaped noise', 'wandb_api_key = "'.repeat(N / 17)],
  ['AWS key ids everywhere', 'AKIA2222222222222222 '.repeat(N / 21)],
];

for (const [what, text] of CASES) {
  test(`finishes on ${what}`, { timeout: 60_000 }, async () => {
    const hits = await scanText(text);
    assert.ok(Array.isArray(hits));
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
