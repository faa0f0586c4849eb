import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

test('deeply nested expressions, long attribute chains and broken syntax do not crash or hang the Python reader', async () => {
  const t = tmpTree({
    'nested.py': `import pickle\nx = ${'('.repeat(1000)}1${')'.repeat(1000)}\npickle.loads(b)\n`,
    'chain.py': `import torch\ny = torch${'.a'.repeat(2000)}.load(p)\n`,
    'broken.py': 'import pickle\ndef f(:\n    pickle.loads(b\nclass ]\npickle.load(f)\n',
    'binary-ish.py': 'print "python 2"\nexec "code"\n',
  });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    const got = r.findings.map((f) => `${f.location.path}:${f.ruleId}@${f.location.line}`).sort();
    assert.ok(got.includes('nested.py:code/pickle-deserialization@3'), got.join('\n'));
    assert.ok(got.includes('broken.py:code/pickle-deserialization@5'), got.join('\n'));
  } finally {
    t.cleanup();
  }
});
