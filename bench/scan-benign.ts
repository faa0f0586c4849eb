// One benign bench input through the real scan, timed: a bench input that produces a high or
// critical finding, or a coverage gap (scan/*), would measure the wrong path, so it fails the case.
import { scanPaths } from '../src/scan/scan-paths.js';

export interface ScanTiming {
  /** Wall-clock seconds. */
  secs: number;
  /** CPU seconds of this process (compiler threads included). */
  cpuSecs: number;
}

export async function scanBenign(name: string, dir: string): Promise<ScanTiming> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const report = await scanPaths([name], { cwd: dir, gitignore: false });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const bad = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical' || f.ruleId.startsWith('scan/'));
  if (bad.length) throw new Error(`benign bench input ${name} produced ${bad.map((f) => `${f.ruleId} (${f.message})`).join('; ')}`);
  return { secs, cpuSecs: (cpu.user + cpu.system) / 1e6 };
}

/** Peak RSS of this process so far, in whole MiB. */
export function peakRssMiB(): string {
  return (process.resourceUsage().maxRSS / 1024).toFixed(0);
}
