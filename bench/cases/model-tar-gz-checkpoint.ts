// SageMaker-style model.tar.gz archives (the format SageMaker packages and deploys models in): a
// 64 MiB checkpoint-shaped pickle (a state dict of float lists) plus inference code and a config,
// then the same with a 200 MiB pickle, then model.pth as torch.save writes it (a stored zip: a small
// data.pkl, then 200 MiB of tensor data). Peak RSS after each (rss64MiB, rss200MiB, rssTorchZip)
// shows whether memory grows with the member (it should not: a tar member inside a compressed
// stream holds a 1 MiB head and a 16 MiB window, like a zip or gzip member). Compressed with zlib at
// level 1 (the case measures the tar walk, the member streaming and the analysis, less inflate).
import { existsSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchCase } from '../harness.js';
import { tarHeader } from '../tar-header.js';
import { peakRssMiB, scanBenign } from '../scan-benign.js';
import { crc32 } from '../../src/io/crc32.js';
import { floatListPickle } from './model-formats-compressed-pickle.js';

const SMALL = 64 * 1024 * 1024;
const BIG = 200 * 1024 * 1024; // under the default 256 MiB maxEntryBytes: analysed to the end

/** A stored (method 0) zip, as torch.save writes one: local headers, data, central directory. */
function storedZip(files: Array<[string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let at = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name);
    const crc = crc32(data);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt32LE(crc, 14);
    l.writeUInt32LE(data.length, 18);
    l.writeUInt32LE(data.length, 22);
    l.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(at, 42);
    locals.push(l, n, data);
    centrals.push(c, n);
    at += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** model.pth as torch.save writes it: data.pkl (a state dict of one tensor), then its storage. */
function torchZip(tensorBytes: number): Buffer {
  // {'weight': torch._utils._rebuild_tensor_v2(persistent_load(('storage', FloatStorage, '0', 'cpu', n)), 0, (n,), (1,), False, OrderedDict())}
  const n = tensorBytes / 4;
  const pkl = Buffer.concat([
    Buffer.from('\x80\x02}q\x00X\x06\x00\x00\x00weightq\x01ctorch._utils\n_rebuild_tensor_v2\nq\x02((X\x07\x00\x00\x00storageq\x03ctorch\nFloatStorage\nq\x04X\x01\x00\x00\x000q\x05X\x03\x00\x00\x00cpuq\x06', 'latin1'),
    Buffer.from([0x4a]), u32(n), Buffer.from('tq\x07QK\x00', 'latin1'),
    Buffer.from([0x4a]), u32(n), Buffer.from('\x85q\x08K\x01\x85q\tI00\nccollections\nOrderedDict\nq\n)Rq\x0btq\x0cRq\rs.', 'latin1'),
  ]);
  const tensor = Buffer.alloc(tensorBytes);
  let seed = 1;
  for (let i = 0; i < tensorBytes; i += 4) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    tensor.writeFloatLE(((seed >>> 8) / 2 ** 24 - 0.5) / 8, i);
  }
  return storedZip([
    ['archive/data.pkl', pkl],
    ['archive/byteorder', Buffer.from('little')],
    ['archive/data/0', tensor],
    ['archive/version', Buffer.from('3\n')],
  ]);
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(v);
  return b;
}

/** model.tar.gz as SageMaker expects it: the model file at the top, code/ beside it. */
export function modelTarGz(model: Buffer): Buffer {
  const files: Array<[string, Buffer]> = [
    ['model.pth', model],
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
  name: 'model: SageMaker model.tar.gz holding a 64 MiB, a 200 MiB pickle, a 200 MiB torch zip',
  scanner: 'model',
  async setup(dir) {
    const inputs = [
      ['small/model.tar.gz', () => floatListPickle(SMALL, 'weight')],
      ['big/model.tar.gz', () => floatListPickle(BIG, 'weight')],
      ['torch/model.tar.gz', () => torchZip(BIG)],
    ] as const;
    for (const [name, make] of inputs) {
      const file = join(dir, name);
      if (!existsSync(file)) {
        mkdirSync(join(dir, name.split('/')[0]), { recursive: true });
        writeFileSync(file, modelTarGz(make()));
      }
    }
    const paths = inputs.map(([name]) => name);
    return { paths, bytes: paths.reduce((n, p) => n + statSync(join(dir, p)).size, 0), files: paths.length };
  },
  async run(_input, dir) {
    const scan = async (name: string) => (await scanBenign(name, dir)).secs.toFixed(2);
    const small = await scan('small/model.tar.gz');
    const rssSmall = peakRssMiB();
    const big = await scan('big/model.tar.gz');
    const rssBig = peakRssMiB();
    const torch = await scan('torch/model.tar.gz');
    return { smallSecs: small, rss64MiB: rssSmall, bigSecs: big, rss200MiB: rssBig, torchZipSecs: torch, rssTorchZip200MiB: peakRssMiB() };
  },
};
export default c;
