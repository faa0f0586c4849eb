// A multi-GiB `docker save` tarball (uncompressed layer.tar, as classic docker save writes): 4 GiB
// of sparse model blobs plus 64 MiB of text files in layers. Memory must stay flat: layers are read
// by offset, big binary members only sniffed.
import { closeSync, existsSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { tarHeader } from '../tar-header.js';

const pad = (n: number) => Math.ceil(n / 512) * 512;

/** Writes a tar of (name, size, data?) at `fd` from `base`; members without data stay sparse. */
function writeTar(fd: number, base: number, members: Array<{ name: string; size: number; data?: Buffer }>): number {
  let off = base;
  for (const m of members) {
    writeSync(fd, tarHeader(m.name, m.size), 0, 512, off);
    off += 512;
    if (m.data) writeSync(fd, m.data, 0, m.data.length, off);
    off += pad(m.size);
  }
  return off + 1024 - base;
}

const BIG = 1024 ** 3;
const TEXT_FILES = 256;
const TEXT = Buffer.from('import torch\nmodel = load("weights.bin")  # serving code\n'.repeat(4681));

const c: BenchCase = {
  name: 'image: docker save, 4 GiB sparse + 64 MiB text',
  scanner: 'image',
  async setup(dir) {
    const file = join(dir, 'image.tar');
    const layerMembers = [
      ...Array.from({ length: 4 }, (_, i) => ({ name: `models/shard-${i}.bin`, size: BIG })),
      ...Array.from({ length: TEXT_FILES }, (_, i) => ({ name: `app/src/m${i}.py`, size: TEXT.length, data: TEXT })),
    ];
    const layerSize = layerMembers.reduce((s, m) => s + 512 + pad(m.size), 0) + 1024;
    if (!existsSync(file)) {
      const fd = openSync(file, 'w');
      const manifest = Buffer.from(JSON.stringify([{ Config: 'config.json', RepoTags: ['bench/app:1'], Layers: ['layer1/layer.tar'] }]));
      const config = Buffer.from(JSON.stringify({ config: { User: 'app', Env: ['PATH=/bin'] }, history: [{ created_by: 'COPY . /' }], rootfs: { type: 'layers' } }));
      let off = 0;
      for (const [name, data] of [['manifest.json', manifest], ['config.json', config]] as const) {
        writeSync(fd, tarHeader(name, data.length), 0, 512, off);
        writeSync(fd, data, 0, data.length, off + 512);
        off += 512 + pad(data.length);
      }
      writeSync(fd, tarHeader('layer1/layer.tar', layerSize), 0, 512, off);
      writeTar(fd, off + 512, layerMembers);
      off += 512 + pad(layerSize);
      ftruncateSync(fd, off + 1024);
      closeSync(fd);
    }
    return { paths: ['image.tar'], bytes: 4 * BIG + TEXT_FILES * TEXT.length, files: TEXT_FILES + 4 };
  },
};
export default c;
