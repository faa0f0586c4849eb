// A multi-GiB `docker save` tarball (uncompressed layer.tar, as classic docker save writes): 4 GiB
// of sparse model blobs plus 64 MiB of text files in layers. Memory must stay flat: layers are read
// by offset, big binary members only sniffed.
import { closeSync, existsSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
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
const pad = (n: number) => Math.ceil(n / 512) * 512;

/** Writes a tar of (name, size, data?) at `fd` from `base`; members without data stay sparse. */
function writeTar(fd: number, base: number, members: Array<{ name: string; size: number; data?: Buffer }>): number {
  let off = base;
  for (const m of members) {
    writeSync(fd, header(m.name, m.size), 0, 512, off);
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
        writeSync(fd, header(name, data.length), 0, 512, off);
        writeSync(fd, data, 0, data.length, off + 512);
        off += 512 + pad(data.length);
      }
      writeSync(fd, header('layer1/layer.tar', layerSize), 0, 512, off);
      writeTar(fd, off + 512, layerMembers);
      off += 512 + pad(layerSize);
      ftruncateSync(fd, off + 1024);
      closeSync(fd);
    }
    return { paths: ['image.tar'], bytes: 4 * BIG + TEXT_FILES * TEXT.length, files: TEXT_FILES + 4 };
  },
};
export default c;
