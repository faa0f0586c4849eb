// Directory scan of many small model files (pickles, joblib, npy, torch zips) from the fixtures.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const FILES = 1000;

const c: BenchCase = {
  name: 'model: 1000 small model files',
  scanner: 'model',
  async setup(dir) {
    const root = join(dir, 'models');
    const src = join(process.cwd(), 'test', 'fixtures', 'model-pickle', 'benign');
    const names = readdirSync(src).filter((n) => !n.endsWith('.xz'));
    let bytes = 0;
    const bodies = names.map((n) => readFileSync(join(src, n)));
    for (let i = 0; i < FILES; i++) bytes += bodies[i % bodies.length].length;
    if (!existsSync(root)) {
      for (let i = 0; i < FILES; i++) {
        const d = join(root, `run${i % 20}`);
        mkdirSync(d, { recursive: true });
        writeFileSync(join(d, `${i}-${names[i % names.length]}`), bodies[i % bodies.length]);
      }
    }
    return { paths: ['models'], bytes, files: FILES };
  },
};
export default c;
