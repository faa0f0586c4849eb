// Pickle machine throughput, shared by the two opcode-stream cases. V8 compiles the machine's opcode
// loop while it runs (on-stack replacement, then a full compile, with a deopt and recompile whenever a
// path the warm-up never took shows up): the first 64 MiB run pays for that, later runs show the
// machine itself. Both are reported: `first*` is the first run after a short warm-up, `steady*` the
// median of the next STEADY_RUNS runs, all in CPU time of this process (compiler threads included),
// which a shared machine's neighbours do not inflate the way they inflate wall time. `bestCpuMiBps`
// is the fastest of the steady runs: neighbours only ever slow a run down, so the fastest one is the
// closest to the machine's own cost (the estimate Python's timeit recommends for the same reason).
import { analysePickle } from '../src/parsers/pickle/analyze.js';
import type { StreamResult } from '../src/parsers/pickle/machine.js';

const STEADY_RUNS = 5;

export interface MachineRun {
  /** The first run's wall-clock MiB/s. */
  firstMiBps: string;
  firstCpuMiBps: string;
  steadyCpuMiBps: string;
  bestCpuMiBps: string;
  stream: StreamResult;
}

export function measureMachine(buf: Buffer): MachineRun {
  // Three 4 MiB runs reach every path the measured runs take (memo ring, stack folding).
  for (let i = 0; i < 3; i++) analysePickle(buf.subarray(0, 4 << 20), { final: true });
  const mib = buf.length / 1048576;
  const cpuRates: number[] = [];
  let firstWall = 0;
  let stream: StreamResult | undefined;
  for (let r = 0; r <= STEADY_RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const a = analysePickle(buf, { final: true });
    const cpu = process.cpuUsage(c0);
    if (r === 0) firstWall = mib / (Number(process.hrtime.bigint() - t0) / 1e9);
    cpuRates.push(mib / ((cpu.user + cpu.system) / 1e6));
    stream = a.streams[0];
    if (!stream?.complete) throw new Error(`bench pickle did not parse: ${stream?.error?.message}`);
  }
  const steadyRates = cpuRates.slice(1).sort((a, b) => a - b);
  return {
    firstMiBps: firstWall.toFixed(0),
    firstCpuMiBps: cpuRates[0].toFixed(0),
    steadyCpuMiBps: steadyRates[STEADY_RUNS >> 1].toFixed(0),
    bestCpuMiBps: steadyRates[STEADY_RUNS - 1].toFixed(0),
    stream: stream!,
  };
}
