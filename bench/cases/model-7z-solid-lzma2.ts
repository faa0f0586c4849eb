// A 64 MiB checkpoint-shaped pickle (a state dict of float lists) plus a small config, in one
// solid LZMA2 7z folder, then the same with a 200 MiB pickle: peak RSS after each (rss64MiB,
// rss200MiB) shows whether memory grows with the member (it should not: a 7z member holds a 1 MiB
// head and a 16 MiB window, like a zip or gzip member). Built in TypeScript at setup (no p7zip on
// bench machines): LZMA2 made of stored chunks, so the case measures the 7z reader, the LZMA2
// chunk framing, the member streaming and the pickle analysis, not LZMA symbol decoding (see the
// xz case for that).
import { existsSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { write7z } from '../../scripts/fixtures/sevenzip/writer.js';
import { peakRssMiB, scanBenign } from '../scan-benign.js';
import { floatListPickle } from './model-formats-compressed-pickle.js';

const SMALL = 64 * 1024 * 1024;
const BIG = 200 * 1024 * 1024; // under the default 256 MiB maxEntryBytes: analysed to the end


const c: BenchCase = {
  name: 'model: 7z solid LZMA2 holding a 64 MiB, then a 200 MiB pickle checkpoint',
  scanner: 'model',
  async setup(dir) {
    for (const [name, size] of [['checkpoint.pt.7z', SMALL], ['big-checkpoint.pt.7z', BIG]] as const) {
      const file = join(dir, name);
      if (!existsSync(file)) writeFileSync(file, write7z([{ name: 'config.json', data: Buffer.from('{"hidden_size": 768}\n') }, { name: 'checkpoints/model.pkl', data: floatListPickle(size, 'weight') }], 'lzma2-stored'));
    }
    const bytes = statSync(join(dir, 'checkpoint.pt.7z')).size + statSync(join(dir, 'big-checkpoint.pt.7z')).size;
    return { paths: ['checkpoint.pt.7z', 'big-checkpoint.pt.7z'], bytes, files: 2 };
  },
  async run(_input, dir) {
    const scan = async (name: string) => (statSync(join(dir, name)).size / 1048576 / (await scanBenign(name, dir)).secs).toFixed(0);
    const small = await scan('checkpoint.pt.7z');
    const rssSmall = peakRssMiB();
    const big = await scan('big-checkpoint.pt.7z');
    return { smallMiBps: small, rss64MiB: rssSmall, bigMiBps: big, rss200MiB: peakRssMiB() };
  },
};
export default c;
