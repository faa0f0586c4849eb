// A 64 MiB checkpoint-shaped pickle (a state dict of float lists) plus a small config, in one
// solid LZMA2 7z folder. Built in TypeScript at setup (no p7zip on bench machines): LZMA2 made of
// stored chunks, so the case measures the 7z reader, the LZMA2 chunk framing, the member
// streaming and the pickle analysis, not LZMA symbol decoding (see the xz case for that).
import { existsSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { write7z } from '../../scripts/fixtures/sevenzip/writer.js';

const RAW = 64 * 1024 * 1024;

function pickle(): Buffer {
  const parts: Buffer[] = [Buffer.from([0x80, 0x04, 0x7d, 0x28])]; // PROTO 4, EMPTY_DICT, MARK
  let size = 4;
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let layer = 0; size < RAW; layer++) {
    const key = Buffer.from(`layer${layer}.weight`);
    const head = Buffer.concat([Buffer.from([0x8c, key.length]), key, Buffer.from([0x5d, 0x28])]); // SHORT_BINUNICODE, EMPTY_LIST, MARK
    const body = Buffer.alloc(9 * 4096);
    for (let i = 0; i < 4096; i++) {
      body[i * 9] = 0x47; // BINFLOAT
      body.writeDoubleBE(Math.round((rnd() - 0.5) * 2000) / 1e4, i * 9 + 1);
    }
    parts.push(head, body, Buffer.from([0x65])); // APPENDS
    size += head.length + body.length + 1;
  }
  parts.push(Buffer.from([0x75, 0x2e])); // SETITEMS, STOP
  return Buffer.concat(parts);
}

const c: BenchCase = {
  name: 'model: 7z solid LZMA2 holding a 64 MiB pickle checkpoint',
  scanner: 'model',
  async setup(dir) {
    const file = join(dir, 'checkpoint.pt.7z');
    if (!existsSync(file)) {
      const raw = pickle();
      writeFileSync(file, write7z([{ name: 'config.json', data: Buffer.from('{"hidden_size": 768}\n') }, { name: 'checkpoints/model.pkl', data: raw }], 'lzma2-stored'));
    }
    const bytes = statSync(file).size;
    return { paths: ['checkpoint.pt.7z'], bytes, files: 1 };
  },
};
export default c;
