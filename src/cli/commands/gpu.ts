import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { selectRules } from '../../scan/scan-paths.js';
import { auditGpu, type GpuAuditOptions } from '../../scan/gpu-audit.js';
import { collectEvidence } from '../../targets/gpu/collect.js';
import { writeEvidenceDir } from '../../parsers/gpu/evidence.js';
import { parseListen, startMetricsServer } from '../../report/prometheus.js';
import { UsageError } from '../../core/errors.js';
import { EXIT_CODE_HELP } from '../exit-codes.js';
import { emitReport, exitCodeFor, parse, REPORT_HELP, REPORT_OPTIONS, resolveSettings } from '../report-options.js';
import type { Command } from '../command.js';
import type { Report } from '../../core/types.js';

const usage = `Usage: mlwarden gpu [options]

Audits an NVIDIA GPU host: driver and container toolkit versions against NVIDIA security
bulletins, container runtime config and CDI specs, MIG/ECC/sharing isolation, device node
permissions, and the processes using the GPUs (miners, unscheduled or hidden processes).
Without --from it reads this host (nvidia-smi, nvidia-ctk, /etc, /dev, /proc; read-only).

GPU options:
      --from DIR           audit captured evidence instead of this host (layout: docs/gpu.md)
      --collect DIR        capture this host's evidence into DIR and exit (no audit)
      --root DIR           read host files under DIR (e.g. /host in a container with host paths mounted)
      --host-label NAME    name of the host in the report (default: hostname)
      --job-cgroup PREFIX  cgroup prefix of your scheduler's jobs, counted as scheduled (repeatable)
      --timeout SECONDS    per-command timeout for nvidia-smi / nvidia-ctk (default 30)
      --metrics [HOST]:PORT  serve Prometheus metrics at /metrics instead of printing a report
      --metrics-interval SECONDS  re-audit at most this often when scraped (default 30)
  Also: --format jsonl[=FILE] writes one JSON finding per line (for log shippers / DaemonSets).

${REPORT_HELP}

${EXIT_CODE_HELP}`;

function renderJsonl(report: Report): string {
  return report.findings.map((f) => JSON.stringify({ tool: report.tool.name, version: report.tool.version, host: f.location.path, ...f })).join('\n') + (report.findings.length ? '\n' : '');
}

function seconds(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: expected a positive number of seconds, got '${v}'`);
  return n;
}

const command: Command = {
  name: 'gpu',
  summary: 'audit an NVIDIA GPU host (drivers, container toolkit, isolation, GPU processes)',
  usage,
  async run(argv, io) {
    const { values } = parse(argv, {
      ...REPORT_OPTIONS,
      from: { type: 'string' },
      collect: { type: 'string' },
      root: { type: 'string' },
      'host-label': { type: 'string' },
      'job-cgroup': { type: 'string', multiple: true },
      timeout: { type: 'string' },
      metrics: { type: 'string' },
      'metrics-interval': { type: 'string' },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    if (values.from && (values.collect || values.root)) throw new UsageError('--from reads captured evidence: it cannot be combined with --collect or --root');
    const timeoutMs = seconds(values.timeout, '--timeout', 30) * 1000;
    const root = values.root ? resolve(io.cwd, values.root) : undefined;

    if (values.collect) {
      const ev = await collectEvidence({ root, timeoutMs, label: values['host-label'] });
      const dir = resolve(io.cwd, values.collect);
      const written = await writeEvidenceDir(dir, ev);
      io.stderr.write(`evidence of ${ev.label} written to ${dir}: ${written.length} file(s)\n`);
      for (const [k, why] of Object.entries(ev.notes)) io.stderr.write(`  not captured: ${k}: ${why}\n`);
      return 0;
    }

    // jsonl is this command's own format (one finding per line); the rest go through the shared reporters.
    const formats: string[] = values.format ?? [];
    const jsonl = formats.flatMap((f: string) => f.split(',')).filter((f) => /^jsonl(=|$)/i.test(f.trim()));
    const others = formats.flatMap((f: string) => f.split(',')).filter((f) => !/^jsonl(=|$)/i.test(f.trim()));
    const s = await resolveSettings({ ...values, format: others.length ? others : undefined }, io, values.from ?? '.');
    if (jsonl.length && !others.length && !(s.config.format ?? []).length) s.formats = [];

    const opts: GpuAuditOptions = {
      cwd: io.cwd,
      from: values.from,
      root,
      timeoutMs,
      label: values['host-label'],
      jobCgroups: values['job-cgroup'] ?? [],
      mask: s.mask,
      disable: s.config.rules?.disable,
      severityOverrides: s.config.rules?.severity,
      minSeverity: s.minSeverity,
      baseline: s.baseline,
      ignoreFile: values['ignore-file'],
    };

    if (values.metrics) {
      let listen: { host: string; port: number };
      try {
        listen = parseListen(values.metrics);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const interval = seconds(values['metrics-interval'], '--metrics-interval', 30) * 1000;
      const srv = await startMetricsServer(() => auditGpu(opts), listen, interval);
      io.stderr.write(`mlwarden gpu: serving Prometheus metrics on ${srv.url}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await srv.close();
      return 0;
    }

    const { report } = await auditGpu(opts);
    const rules = await selectRules(opts);
    for (const spec of jsonl) {
      const eq = spec.indexOf('=');
      const text = renderJsonl(report);
      if (eq !== -1) await writeFile(resolve(io.cwd, spec.slice(eq + 1)), text);
      else if (s.output && !s.formats.length) await writeFile(s.output, text);
      else io.stdout.write(text);
    }
    return s.formats.length ? emitReport(report, rules, s, io) : exitCodeFor(report, s.failOn);
  },
};
export default command;
