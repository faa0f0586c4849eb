// The real scan path for big pickles (scanPaths: sniffing, windowed reads, rules), not only the
// machine: a 32 MiB and a 200 MiB checkpoint-shaped pickle, scanned one after the other. Peak RSS
// after each shows whether memory grows with the file (it should not: one window at a time).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';
import { scanPaths } from '../../src/scan.js';
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
    const rssMiB = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);
    const scan = async (name: string) => {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const report = await scanPaths([name], { cwd: dir, gitignore: false });
      const secs = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu = process.cpuUsage(c0);
      const mib = statSync(join(dir, name)).size / 1048576;
      const bad = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical' || f.ruleId.startsWith('scan/'));
      if (bad.length) throw new Error(`benign bench pickle produced ${bad.map((f) => f.ruleId).join(', ')}`);
      return { wall: (mib / secs).toFixed(0), cpu: (mib / ((cpu.user + cpu.system) / 1e6)).toFixed(0) };
    };
    const small = await scan('small.pkl');
    const rssSmall = rssMiB();
    const big = await scan('big.pkl');
    return { smallMiBps: small.wall, smallRssMiB: rssSmall, bigMiBps: big.wall, bigCpuMiBps: big.cpu, bigRssMiB: rssMiB() };
  },
};
export default c;
