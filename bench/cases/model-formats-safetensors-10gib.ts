// A 10 GiB safetensors checkpoint (sparse file: only the header is written): the scan must read the
// header only, in well under a second and < 100 MiB RSS.
import { closeSync, existsSync, openSync, ftruncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const SIZE = 10 * 1024 ** 3;

const c: BenchCase = {
  name: 'model: 10 GiB safetensors (sparse)',
  scanner: 'model',
  async setup(dir) {
    const file = join(dir, 'model.safetensors');
    if (!existsSync(file)) {
      const layers = 200;
      const per = Math.floor(SIZE / layers / 2) * 2;
      const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
      let off = 0;
      for (let i = 0; i < layers; i++) {
        header[`model.layers.${i}.weight`] = { dtype: 'BF16', shape: [per / 2], data_offsets: [off, off + per] };
        off += per;
      }
      let text = JSON.stringify(header);
      text += ' '.repeat((8 - (text.length % 8)) % 8);
      const head = Buffer.alloc(8);
      head.writeBigUInt64LE(BigInt(text.length));
      const fd = openSync(file, 'w');
      writeSync(fd, head);
      writeSync(fd, Buffer.from(text));
      ftruncateSync(fd, 8 + text.length + off);
      closeSync(fd);
    }
    return { paths: ['model.safetensors'], bytes: SIZE, files: 1 };
  },
};
export default c;
