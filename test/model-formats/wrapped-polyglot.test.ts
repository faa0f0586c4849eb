// A pickle/zip polyglot is critical on its own (torch.load reads the zip part, other tools the
// pickle); gzip- or bzip2-wrapped, its decompressed member was never checked for the zip part and
// came out with a low trailing-data finding only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

const POLYGLOT = readFileSync(join(process.cwd(), 'test', 'fixtures', 'model-pickle', 'malicious', 'polyglot_pickle_zip.pt'));

test('a gzip-wrapped pickle/zip polyglot is reported as a polyglot, as it is alone', async () => {
  const t = tmpTree({ 'alone.pt': POLYGLOT, 'wrapped.pt.gz': gzipSync(POLYGLOT) });
  try {
    const r = await scanPaths([t.dir], { cwd: t.dir, gitignore: false });
    for (const p of ['alone.pt', 'wrapped.pt.gz']) {
      const f = r.findings.filter((x) => x.location.path === p).map((x) => `${x.ruleId} ${x.severity}`);
      assert.ok(f.includes('model/polyglot-pickle-zip critical'), `${p}: ${f.join(', ')}`);
    }
  } finally {
    t.cleanup();
  }
});
