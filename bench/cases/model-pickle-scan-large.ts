// The real scan path for big pickles (scanPaths: sniffing, windowed reads, rules), not only the
// machine: a 32 MiB and a 200 MiB checkpoint-shaped pickle, scanned one after the other. Peak RSS
// after each shows whether memory grows with the file (it should not: one window at a time).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { peakRssMiB, scanBenign } from '../scan-benign.js';
import { writeCheckpointPickle } from './model-pickle-opcode-throughput.js';

const SMALL = 32 * 1024 * 1024;
const BIG = 200 * 1024 * 1024; // under the default 256 MiB maxEntryBytes: analysed to the end

const c: BenchCase = {
  name: 'model: pickle scan 32+200 MiB',
  scanner: 'model',
  async setup(dir) {
    for (const [name, size] of [['small.pkl', SMALL], ['big.pkl', BIG]] as const) if (!existsSync(join(dir, name))) writeCheckpointPickle(join(dir, name), size);
    const bytes = statSync(join(dir, 'small.pkl')).size + statSync(join(dir, 'big.pkl')).size;
    return { paths: ['small.pkl', 'big.pkl'], bytes, files: 2 };
  },
  async run(_input, dir) {
    const scan = async (name: string) => {
      const t = await scanBenign(name, dir);
      const mib = statSync(join(dir, name)).size / 1048576;
      return { wall: (mib / t.secs).toFixed(0), cpu: (mib / t.cpuSecs).toFixed(0) };
    };
    const small = await scan('small.pkl');
    const rssSmall = peakRssMiB();
    const big = await scan('big.pkl');
    return { smallMiBps: small.wall, smallRssMiB: rssSmall, bigMiBps: big.wall, bigCpuMiBps: big.cpu, bigRssMiB: peakRssMiB() };
  },
};
export default c;
