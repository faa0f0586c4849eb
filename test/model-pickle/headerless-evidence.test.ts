// A model-named file without a PROTO header counts as a pickle only with evidence. A
// truncated headerless payload whose import the machine cannot name (strings memoised after the
// memo's stand-in table is full read back as untracked: the import is "computed") had none, so the
// file was "not a pickle" and gave no finding, while Python runs the call before the truncation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

/** SHORT_BINUNICODE 'v<i>', MEMOIZE, POP for n distinct identifiers. */
function memoFill(n: number, from: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = from; i < from + n; i++) {
    const s = Buffer.from(`v${i}`, 'latin1');
    parts.push(Buffer.from([0x8c, s.length]), s, Buffer.from([0x94, 0x30]));
  }
  return Buffer.concat(parts);
}
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** os.system('echo review') through STACK_GLOBAL from memo keys stored between two long fills; no STOP. */
function payload(): Buffer {
  const N = 60_000;
  return Buffer.concat([
    memoFill(N, 0),
    Buffer.from('\x8c\x02os\x94\x8c\x06system\x9400', 'latin1'),
    memoFill(N, N + 2),
    Buffer.from('j', 'latin1'), u32(N), Buffer.from('j', 'latin1'), u32(N + 1),
    Buffer.from('\x93\x8c\x0becho review\x85R', 'latin1'),
  ]);
}

test('a truncated headerless payload whose import is computed is still a pickle (high or critical)', async () => {
  const body = payload();
  const t = tmpTree({ 'model.pkl': body, 'with-stop.pkl': Buffer.concat([body, Buffer.from('.')]) });
  try {
    const r = await scanPaths([t.dir], { cwd: t.dir, gitignore: false });
    for (const p of ['model.pkl', 'with-stop.pkl']) {
      const f = r.findings.filter((x) => x.location.path === p).map((x) => `${x.ruleId} ${x.severity}`);
      assert.ok(f.some((x) => / (high|critical)$/.test(x)), `${p}: ${f.join(', ')}`);
    }
  } finally {
    t.cleanup();
  }
});
