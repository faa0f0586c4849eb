// `npm run bench`: generates inputs under .bench/ (no network) in one process, then runs each case
// in a fresh process and prints throughput and peak RSS (of the scan alone, never of the
// generator). Pass case names (substrings) to run a subset.
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpuReference, type BenchCase } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const ext = fileURLToPath(import.meta.url).endsWith('.ts') ? '.ts' : '.js';
const casesDir = join(here, 'cases');
const root = join(here, '..', ...(here.includes(`${join('dist', 'bench')}`) ? ['..'] : []));
const workDir = join(root, '.bench');

async function loadCase(file: string): Promise<BenchCase> {
  return (await import(pathToFileURL(join(casesDir, file)).href)).default as BenchCase;
}

/** Builds a case's inputs in a process of its own, so that the measured child's peak RSS is the scan's alone. */
async function setupChild(file: string): Promise<void> {
  const c = await loadCase(file);
  const dir = join(workDir, c.name);
  mkdirSync(dir, { recursive: true });
  await c.setup(dir);
}

async function child(file: string): Promise<void> {
  const { scanPaths } = await import('../src/scan/scan-paths.js');
  const c = await loadCase(file);
  const dir = join(workDir, c.name);
  mkdirSync(dir, { recursive: true });
  const input = await c.setup(dir);
  const t0 = process.hrtime.bigint();
  let extra: Record<string, string | number> | void = undefined;
  let findings = 0;
  if (c.run) extra = await c.run(input, dir);
  else findings = (await scanPaths(input.paths, { cwd: dir, gitignore: false })).findings.length;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = process.resourceUsage().maxRSS / 1024;
  process.send!({ name: c.name, scanner: c.scanner, secs, mibps: input.bytes / 1048576 / secs, filesps: input.files / secs, bytes: input.bytes, files: input.files, rss, findings, extra });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(casesDir).filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts')).sort();
  console.log(`mlwarden bench — node ${process.version}, ${(await import('node:os')).cpus().length} cores, inputs in ${workDir}`);
  console.log(`cpu reference before: ${cpuReference()} MiB/s (a fixed byte-dispatch loop: compare runs only where it is similar)`);
  console.log('case'.padEnd(34), 'scanner'.padEnd(9), 'input'.padStart(12), 'time s'.padStart(8), 'MiB/s'.padStart(9), 'files/s'.padStart(9), 'peak RSS MiB'.padStart(13), ' extra');
  for (const f of files) {
    const c = await loadCase(f);
    if (only.length && !only.some((o) => c.name.includes(o))) continue;
    await new Promise<void>((resolve, reject) => {
      const p = fork(fileURLToPath(import.meta.url), ['--setup', f], { execArgv: process.execArgv });
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`setup of ${c.name} exited ${code}`))));
    });
    const res = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const p = fork(fileURLToPath(import.meta.url), ['--child', f], { execArgv: process.execArgv });
      p.on('message', (m) => resolve(m as Record<string, unknown>));
      p.on('exit', (code) => code !== 0 && reject(new Error(`case ${c.name} exited ${code}`)));
    });
    const n = (k: string, d = 1) => (res[k] as number).toFixed(d);
    const size = (res.bytes as number) >= 1048576 ? `${((res.bytes as number) / 1048576).toFixed(0)} MiB` : `${res.bytes} B`;
    const extra = res.extra ? Object.entries(res.extra as object).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    const own = c.ownRates === true;
    console.log(String(res.name).padEnd(34), String(res.scanner).padEnd(9), `${size}/${res.files}f`.padStart(12), (own ? '-' : n('secs', 3)).padStart(8), (own ? '-' : n('mibps')).padStart(9), (own ? '-' : n('filesps', 0)).padStart(9), n('rss').padStart(13), ` ${extra}`);
  }
  console.log(`cpu reference after: ${cpuReference()} MiB/s`);
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else if (process.argv[2] === '--setup') await setupChild(process.argv[3]);
else await main();
