// Archives and image configs built by an attacker. "Linear time" is checked by timing n and 8n in one
// test (test/helpers/growth.ts); the timeouts only stop a regression from stalling the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import rule from '../../src/rules/image/secret-in-config.js';
import type { ImageConfig } from '../../src/parsers/image/image-config.js';
import type { RuleContext } from '../../src/core/types.js';
import { tmpTree } from '../helpers/tmp.js';
import { readTar } from '../../src/io/tar/tar-reader.js';
import { MemorySource } from '../../src/io/sources.js';
import { ParseError } from '../../src/core/errors.js';
import { growth, growthAsync, growthMessage, LINEAR_BOUND } from '../helpers/growth.js';

function header(name: string, size: number, type: string, link = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write(link, 157, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(32, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i];
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function pax(records: Record<string, string>): Buffer[] {
  let body = '';
  for (const [k, v] of Object.entries(records)) {
    const rec = ` ${k}=${v}\n`;
    let len = rec.length + 1;
    while (`${len}${rec}`.length !== len) len++;
    body += `${len}${rec}`;
  }
  const data = Buffer.from(body);
  return [header('PaxHeaders/x', data.length, 'x'), data, Buffer.alloc((512 - (data.length % 512)) % 512)];
}

test('a symlink whose pax name is a long run of slashes is checked in linear time', { timeout: 120_000 }, async () => {
  // isUnsafeLink() trimmed the name with /\/+$/: quadratic in the run (pax names may be 1 MiB).
  const tar = (n: number) => Buffer.concat([...pax({ path: `${'/'.repeat(n)}x` }), header('link', 0, '2', '../../../etc/passwd'), Buffer.alloc(1024)]);
  const t = tmpTree({ 'small.tar': tar(100_000), 'large.tar': tar(800_000) });
  try {
    const traversals = async (name: string) => (await scanPaths([name], { cwd: t.dir })).findings.filter((f) => f.ruleId === 'scan/archive-path-traversal');
    assert.equal((await traversals('large.tar')).length, 1);
    // growthAsync builds the 8-times larger input itself; here it is the file already written.
    const ratio = await growthAsync((n) => (n === 100_000 ? 'small.tar' : 'large.tar'), traversals, 100_000);
    assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
  } finally {
    t.cleanup();
  }
});

test('a negative pax size is a ParseError, not a reader that loops back onto its own header', async () => {
  // size=-1536 moved the offset back to the pax header: readTar yielded b.txt forever.
  const data = Buffer.alloc(512, 0x61);
  const tar = Buffer.concat([header('a.txt', 1, '0'), data, ...pax({ size: '-1536' }), header('b.txt', 512, '0'), data, Buffer.alloc(1024)]);
  const names: string[] = [];
  await assert.rejects(async () => {
    for await (const m of readTar(new MemorySource(tar))) if (names.push(m.name) > 100) break;
  }, ParseError);
  assert.deepEqual(names, ['a.txt']);
});

test('build-argument history made of one long identifier is read in linear time', { timeout: 120_000 }, () => {
  // ASSIGN restarted at every character of an identifier run without '=': quadratic.
  const config = (n: number) => ({ env: [], history: [{ created_by: `|1 ${'_'.repeat(n)} /bin/sh -c true` }, { created_by: '|1 HF_TOKEN=hf_VbqzKeJxLsWtRnMpQaYdUcGfHoIkZe /bin/sh -c pip install x' }] }) as unknown as ImageConfig;
  const check = (cfg: ImageConfig) => {
    const found: string[] = [];
    rule.check!(cfg, { report: (f: { message: string }) => found.push(f.message) } as unknown as RuleContext);
    return found;
  };
  assert.equal(check(config(200_000)).length, 1, check(config(200_000)).join('\n'));
  const ratio = growth(config, check, 200_000);
  assert.ok(ratio < LINEAR_BOUND, growthMessage(ratio));
});
