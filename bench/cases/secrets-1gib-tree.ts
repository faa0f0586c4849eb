// Flat memory on a 1 GiB tree of mixed text: peak RSS must not grow with the tree (entries are read one
// at a time, bounded concurrency). Generated once under .bench/ and reused.
import { join } from 'node:path';
import { generateTree } from './secrets-mixed-text.js';
import type { BenchCase } from '../harness.js';

const c: BenchCase = {
  name: 'secrets: 1 GiB mixed text tree',
  scanner: 'secrets',
  async setup(dir) {
    return generateTree(join(dir, 'tree'), 1024 * 1024 * 1024, 4096);
  },
};
export default c;
