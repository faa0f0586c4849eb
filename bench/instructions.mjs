// Pickle machine cost in instructions, not seconds: on a shared virtual machine the opcode-stream
// cases' MiB/s move by 20-50% from one run to the next (neighbours on the host), so two builds are
// compared by what valgrind counts, which does not move. Needs valgrind (Debian: apt-get install
// valgrind) and a build: `npm run build && node bench/instructions.mjs [dist-dir ...]`.
//
// Per input (8 MiB, the same generators as the 64 MiB bench cases), one process runs the analysis 3
// times and another 5 times, single-threaded (V8 compiles on the main thread, so compiling is counted)
// and predictable (the same count on every run). `steady` is (I(5) - I(3)) / 2: one run of warm
// code. `first3` is I(3) minus an empty process: three runs that include compiling the opcode loop.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dists = (process.argv.length > 2 ? process.argv.slice(2) : ['dist']).map((d) => resolve(d));
const dir = resolve('.bench/instructions');
mkdirSync(dir, { recursive: true });
const { writeTorchLayoutPickle } = await import(join(dists[0], 'bench/cases/model-pickle-torch-layout.js'));
const { writeCheckpointPickle } = await import(join(dists[0], 'bench/cases/model-pickle-opcode-throughput.js'));
const inputs = { 'torch.save layout': join(dir, 'torch8.pkl'), 'protocol 4': join(dir, 'p4_8.pkl') };
if (!existsSync(inputs['torch.save layout'])) writeTorchLayoutPickle(inputs['torch.save layout'], 8 << 20);
if (!existsSync(inputs['protocol 4'])) writeCheckpointPickle(inputs['protocol 4'], 8 << 20);

const runner = join(dir, 'run.mjs');
writeFileSync(
  runner,
  `import { readFileSync } from 'node:fs';
const { analysePickle } = await import(process.argv[2] + '/src/parsers/pickle/analyze.js');
const buf = readFileSync(process.argv[3]);
for (let i = 0; i < Number(process.argv[4]); i++) if (!analysePickle(buf, { final: true }).streams[0].complete) throw new Error('incomplete');
`,
);

/** Total instructions of one valgrind run (callgrind prints them on stderr). */
function total(dist, file, runs) {
  // --predictable: garbage collection paced by allocation, not by the clock (without it the same run
  // moves by about 2%); fixed seeds for the same hash tables every time.
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--cache-sim=no', '--smc-check=all-non-file', process.execPath, '--single-threaded', '--predictable', '--hash-seed=1', '--random-seed=1', runner, dist, file, String(runs)];
  const r = spawnSync('valgrind', args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`no instruction count from valgrind (is it installed?): ${r.error?.message ?? (r.stderr ?? '').slice(-400)}`);
  return Number(m[1].replace(/,/g, ''));
}

const empty = total(dists[0], inputs['protocol 4'], 0);
for (const dist of dists) {
  for (const [name, file] of Object.entries(inputs)) {
    const three = total(dist, file, 3);
    const five = total(dist, file, 5);
    console.log(`${dist}  ${name.padEnd(18)} steady ${((five - three) / 2 / 1e6).toFixed(0)}M instructions/run  first3 ${((three - empty) / 1e6).toFixed(0)}M`);
  }
}
