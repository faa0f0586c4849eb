// Model-named files without a PROTO header (protocol 0/1 pickles, or not pickles at all): random bytes
// must not become high findings because they happen to decode to an EXT opcode or a GLOBAL of junk,
// and real headerless payloads (whole or truncated, nullifAI-style) must still be caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import type { Report } from '../../src/core/types.js';
import { tmpTree } from '../helpers/tmp.js';

const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;
const L = (s: string) => Buffer.from(s, 'latin1');

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

async function scan(files: Record<string, Buffer>): Promise<Report> {
  const t = tmpTree(files);
  try {
    return await scanPaths([t.dir], { cwd: t.dir, gitignore: false });
  } finally {
    t.cleanup();
  }
}
const maxSev = (r: Report, p: string) => Math.max(-1, ...r.findings.filter((f) => f.location.path === p).map((f) => RANK[f.severity]));

test('random bytes named like a model are not read as a pickle because they decode to an EXT opcode', async () => {
  const files: Record<string, Buffer> = {
    // EXT1 7, NONE, then an invalid opcode: two opcodes "parse" before the junk.
    'pytorch_model.bin': Buffer.from([0x82, 0x07, 0x4e, 0xff, 0x13, 0x99, 0x01]),
    // EXT2 then a GLOBAL of binary junk.
    'weights.pt': Buffer.concat([Buffer.from([0x83, 0x10, 0x27]), L('c\x01\x02 junk\n\x7f\x03\n'), Buffer.from([0xff])]),
  };
  const next = rng(12345);
  for (let k = 0; k < 200; k++) {
    const b = Buffer.alloc(4096);
    for (let i = 0; i < b.length; i++) b[i] = Math.floor(next() * 256);
    if (b[0] === 0x80) b[0] = 0x82; // keep them headerless
    files[`rand${k}.bin`] = b;
  }
  const r = await scan(files);
  const high = r.findings.filter((f) => RANK[f.severity] >= RANK.high);
  assert.deepEqual(high.map((f) => `${f.location.path} ${f.ruleId} ${f.message.slice(0, 80)}`), []);
});

test('a headerless protocol-0 and protocol-1 payload named .bin is still critical, whole or truncated', async () => {
  const r = await scan({
    'p0.bin': L("cos\nsystem\n(S'echo mlwarden-test'\ntR."),
    'p1.bin': L('cos\nsystem\nq\x00(X\x12\x00\x00\x00echo mlwarden-testq\x01tq\x02Rq\x03.'),
    // nullifAI: the payload runs, then the stream breaks before STOP.
    'p0_truncated.bin': Buffer.concat([L("cos\nsystem\n(S'echo mlwarden-test'\ntR"), Buffer.from([0xff, 0x00, 0x13])]),
    'p0_cut.bin': L("cos\nsystem\n(S'echo mlwarden-test'\ntR(S'more"),
  });
  for (const p of ['p0.bin', 'p1.bin', 'p0_truncated.bin', 'p0_cut.bin']) {
    assert.ok(r.findings.some((f) => f.location.path === p && f.ruleId === 'model/pickle-dangerous-global' && f.severity === 'critical'), p);
  }
});

test('a headerless EXT payload that parses to STOP still fails closed (high)', async () => {
  const r = await scan({ 'model.bin': L("\x82\x07(S'echo mlwarden-test'\ntR.") });
  assert.ok(r.findings.some((f) => f.ruleId === 'model/pickle-indirect-reference' && RANK[f.severity] >= RANK.high));
});

test('a headerless benign protocol-0 pickle named .bin stays clean', async () => {
  const r = await scan({ 'config.bin': L("(dp0\nVlr\np1\nF0.001\nsVepochs\np2\nI10\ns.") });
  assert.ok(maxSev(r, 'config.bin') < RANK.medium);
});
