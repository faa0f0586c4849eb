// Engine overhead: walking, sniffing and dispatching many small text files (every text rule runs;
// Python parsing has its own case).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const FILES = 5000;

const c: BenchCase = {
  name: 'core: 5k small text files',
  scanner: 'core',
  async setup(dir) {
    const root = join(dir, 'tree-txt');
    let bytes = 0;
    const body = 'import os\nvalue = 42\n# some comment line\n'.repeat(20);
    if (!existsSync(root)) {
      for (let i = 0; i < FILES; i++) {
        const d = join(root, `d${i % 50}`);
        mkdirSync(d, { recursive: true });
        writeFileSync(join(d, `f${i}.txt`), body);
      }
    }
    bytes = body.length * FILES;
    return { paths: ['tree-txt'], bytes, files: FILES };
  },
};
export default c;
