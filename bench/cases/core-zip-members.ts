// Archive expansion: a zip with many deflated members.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { BenchCase } from '../harness.js';

const c: BenchCase = {
  name: 'core: zip, 2k deflated members',
  scanner: 'core',
  async setup(dir) {
    const file = join(dir, 'many.zip');
    if (!existsSync(file)) {
      execFileSync('python3', ['-c', `
import zipfile
with zipfile.ZipFile(${JSON.stringify(file)}, 'w', zipfile.ZIP_DEFLATED) as z:
    for i in range(2000):
        z.writestr(f'm/{i}.txt', ('line %d of text\\n' % i) * 200)
`]);
    }
    return { paths: ['many.zip'], bytes: 2000 * 200 * 18, files: 2000 };
  },
};
export default c;
