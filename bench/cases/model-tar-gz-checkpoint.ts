// SageMaker-style model.tar.gz archives (the format SageMaker packages and deploys models in): a
// 64 MiB checkpoint-shaped pickle (a state dict of float lists) plus inference code and a config,
// then the same with a 200 MiB pickle. Peak RSS after each (rss64MiB, rss200MiB) shows whether
// memory grows with the member (it should not: a tar member inside a compressed stream holds a
// 1 MiB head and a 16 MiB window, like a zip or gzip member). Compressed with zlib at level 1 (the
// case measures the tar walk, the member streaming and the pickle analysis, mostly not inflate).
// The first run also pays for building the inputs (its RSS includes that).
import { existsSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchCase } from '../harness.js';
import { scanPaths } from '../../src/scan.js';
import { floatListPickle } from './model-formats-compressed-pickle.js';

const SMALL = 64 * 1024 * 1024;
const BIG = 200 * 1024 * 1024; // under the default 256 MiB maxEntryBytes: analysed to the end

/** One ustar header block for a regular file. */
function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(32, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i];
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** model.tar.gz as SageMaker expects it: the model file at the top, code/ beside it. */
export function modelTarGz(pickle: Buffer): Buffer {
  const files: Array<[string, Buffer]> = [
    ['model.pth', pickle],
    ['code/inference.py', Buffer.from('import torch\n\ndef model_fn(model_dir):\n    return torch.load(f"{model_dir}/model.pth", weights_only=True)\n')],
    ['code/requirements.txt', Buffer.from('torch==2.6.0\n')],
    ['config.json', Buffer.from('{"hidden_size": 768}\n')],
  ];
  const blocks: Buffer[] = [];
  for (const [name, data] of files) {
    blocks.push(tarHeader(name, data.length), data);
    if (data.length % 512) blocks.push(Buffer.alloc(512 - (data.length % 512)));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks), { level: 1 });
}

const c: BenchCase = {
  name: 'model: SageMaker model.tar.gz holding a 64 MiB, then a 200 MiB pickle checkpoint',
  scanner: 'model',
  async setup(dir) {
    for (const [name, size] of [['small/model.tar.gz', SMALL], ['big/model.tar.gz', BIG]] as const) {
      const file = join(dir, name);
      if (!existsSync(file)) {
        const { mkdirSync } = await import('node:fs');
        mkdirSync(join(dir, name.split('/')[0]), { recursive: true });
        writeFileSync(file, modelTarGz(floatListPickle(size, 'weight')));
      }
    }
    const bytes = statSync(join(dir, 'small/model.tar.gz')).size + statSync(join(dir, 'big/model.tar.gz')).size;
    return { paths: ['small/model.tar.gz', 'big/model.tar.gz'], bytes, files: 2 };
  },
  async run(_input, dir) {
    const rssMiB = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);
    const scan = async (name: string) => {
      const t0 = process.hrtime.bigint();
      const report = await scanPaths([name], { cwd: dir, gitignore: false });
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      const bad = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical' || f.ruleId.startsWith('scan/'));
      if (bad.length) throw new Error(`benign bench checkpoint produced ${bad.map((f) => `${f.ruleId} (${f.message})`).join(', ')}`);
      return { mibps: (statSync(join(dir, name)).size / 1048576 / secs).toFixed(0), secs: secs.toFixed(2) };
    };
    const small = await scan('small/model.tar.gz');
    const rssSmall = rssMiB();
    const big = await scan('big/model.tar.gz');
    return { smallSecs: small.secs, rss64MiB: rssSmall, bigSecs: big.secs, rss200MiB: rssMiB() };
  },
};
export default c;
