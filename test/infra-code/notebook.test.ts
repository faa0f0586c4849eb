import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { notebookCodeCells } from '../../src/parsers/python/notebook-cells.js';
import { tmpTree } from '../helpers/tmp.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'infra-code', 'notebooks');

test('flags unsafe calls in notebook code cells at the .ipynb line, across cells and through magics', async () => {
  const r = await scanPaths(['explore_bad.ipynb'], { cwd: DIR, gitignore: false });
  assert.deepEqual(r.errors, []);
  const got = r.findings.map((f) => `${f.ruleId}@${f.location.line}:${f.severity}`).sort();
  // 34: %%time cell, alias from an earlier cell; 59: inside a loop after a `!echo` line; 60: pinned revision lowers trust_remote_code.
  assert.deepEqual(got, ['code/pickle-deserialization@59:high', 'code/torch-load-unsafe@34:critical', 'code/trust-remote-code@60:medium']);
});

test('ignores markdown cells, %%bash / %%writefile cells and safe loads in notebooks', async () => {
  const r = await scanPaths(['explore_good.ipynb'], { cwd: DIR, gitignore: false });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings, []);
});

test('maps cell lines to file lines for the single-string source form and blanks IPython syntax', () => {
  const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: 'import os\n!ls\nx = %env\nos?' }], nbformat: 4 }, null, 1);
  const [cell] = notebookCodeCells(nb);
  assert.equal(cell.code, 'import os\npass\npass\npass');
  const line = nb.split('\n').findIndex((l) => l.includes('"source"')) + 1;
  assert.deepEqual(cell.rawLines, [line, line, line, line]);
});

test('a truncated notebook is reported as unreadable, not crashed on', async () => {
  const t = tmpTree({ 'broken.ipynb': '{\n "cells": [\n  {"cell_type": "code", "source": ["import pickle\\n", "pickle.load(f)' });
  try {
    const r = await scanPaths(['broken.ipynb'], { cwd: t.dir, gitignore: false });
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].ruleId, 'scan/unreadable');
  } finally {
    t.cleanup();
  }
});
