// bzip2 trailing data, matched to Python (checked with CPython 3.11's bz2 module, which joblib uses
// through bz2.BZ2File): after a complete stream, bytes that do not start a valid stream are ignored
// (zeros, text, even "BZh9" followed by junk); a following stream that is merely cut short ("BZ") is
// an error in bz2.decompress and BZ2File.read, and here. Also: PullInput joins its input linearly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { decodeBzip2 } from '../../src/io/codecs/bzip2.js';
import { PullInput } from '../../src/io/codecs/input.js';
import { ParseError } from '../../src/core/errors.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

const BENIGN = join(process.cwd(), 'test', 'fixtures', 'model-formats', 'compressed', 'benign');
const stateBz2 = readFileSync(join(BENIGN, 'state.pkl.bz2'));
/** `bzip2 -c` of "hello\n". */
const hello = Buffer.from('425a6839314159265359c1c080e2000001410000100244a00030cd00c3462997177245385090c1c080e2', 'hex');

async function* chunks(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function decode(b: Buffer, size = 4096): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of decodeBzip2(chunks(b, size)[Symbol.asyncIterator](), 't')) parts.push(c);
  return Buffer.concat(parts);
}

test('bzip2: trailing garbage after the last stream is ignored, as Python bz2 / BZ2File do', async () => {
  const plain = await decode(stateBz2);
  for (const tail of [Buffer.from('hello garbage'), Buffer.alloc(100), Buffer.from('BZh9junkjunk')]) {
    for (const size of [4096, 3]) assert.ok((await decode(Buffer.concat([stateBz2, tail]), size)).equals(plain), `${JSON.stringify(tail.toString('latin1').slice(0, 12))} / ${size}`);
  }
});

test('bzip2: a following stream is still decoded, and one cut short is still an error (as in Python)', async () => {
  assert.equal((await decode(Buffer.concat([hello, hello]))).toString(), 'hello\nhello\n');
  assert.equal((await decode(Buffer.concat([hello, hello, Buffer.from('junk')]))).toString(), 'hello\nhello\n');
  await assert.rejects(decode(Buffer.concat([hello, Buffer.from('BZ')])), (e) => e instanceof ParseError && /truncated/.test(e.message));
  await assert.rejects(decode(Buffer.concat([hello, hello.subarray(0, 20)])), (e) => e instanceof ParseError);
  // A block header followed by too few bytes: Python says "ended before the end-of-stream marker".
  await assert.rejects(decode(Buffer.concat([hello, Buffer.from('BZh91AY&SYgarbage', 'latin1')])), (e) => e instanceof ParseError);
  // The first stream itself is never excused.
  await assert.rejects(decode(Buffer.from('BZh9junkjunk')), (e) => e instanceof ParseError);
});

test('a bz2-compressed model with trailing garbage is scanned clean, not called corrupt', async () => {
  const t = tmpTree({ 'state.pkl.bz2': Buffer.concat([stateBz2, Buffer.from('\n-- appended by a sync tool --\n')]) });
  try {
    const r = await scanPaths([t.dir], { cwd: t.dir, gitignore: false });
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`), []);
    assert.deepEqual(r.errors, []);
  } finally {
    t.cleanup();
  }
});

test('PullInput fills a large lookahead from small chunks with a linear amount of copying', async () => {
  const chunk = 64 * 1024;
  const total = 8 * 1024 * 1024;
  const concat = Buffer.concat;
  let copied = 0;
  Buffer.concat = ((list: readonly Uint8Array[], len?: number) => {
    copied += len ?? list.reduce((n, b) => n + b.length, 0);
    return concat(list, len);
  }) as typeof Buffer.concat;
  try {
    const data = Buffer.alloc(total, 7);
    const inp = new PullInput(chunks(data, chunk)[Symbol.asyncIterator](), 't');
    let read = 0;
    // Like bzip2: ask for 3 MiB ahead, consume 1 MiB, ask again.
    while (await inp.ensure(3 * 1024 * 1024)) {
      for (let i = 0; i < 1024 * 1024; i++) inp.byte();
      read += 1024 * 1024;
    }
    while (inp.avail() > 0) {
      inp.byte();
      read++;
    }
    assert.equal(read, total);
    assert.equal(inp.offset, total);
    // Each byte is copied a bounded number of times (the old per-chunk join copied ~24 MiB per 3 MiB fill).
    assert.ok(copied <= 4 * total, `copied ${copied} bytes for ${total}`);
  } finally {
    Buffer.concat = concat;
  }
});
