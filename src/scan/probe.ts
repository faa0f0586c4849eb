// The library entry point for `mlwarden probe`:
//   const { report } = await probeTargets(['http://10.0.0.5:8265', '10.0.1.0/24'], { ports: [8888] });
// Targets are expanded (bounded), probed through one bounded client, and judged by the endpoint
// rules through the same engine, filter and report as `scan`.
import { runTargets, type ScanOptions } from './scan-paths.js';
import { loadIgnoreFile, type IgnoreEntry } from '../config/ignore-file.js';
import { UsageError } from '../core/errors.js';
import { ProbeTarget } from '../targets/http/probe-target.js';
import { GRPC_SERVICES, SERVICES, wellKnownPorts } from '../knowledge/probe/index.js';
import { ProbeClient, percentile, type ClientLimits } from '../targets/http/http-client.js';
import { expandTargets, originUrl } from '../targets/http/origins.js';
import type { ProbeSettings } from '../targets/http/prober.js';
import type { Report } from '../core/types.js';

export interface ProbeOptions extends ProbeSettings, Pick<ScanOptions, 'mask' | 'disable' | 'severityOverrides' | 'minSeverity' | 'baseline' | 'ignoreFile' | 'onWarning' | 'cwd'> {
  /** Ports for bare hosts and CIDRs (default: the well-known ML ports; required for CIDRs). */
  ports?: number[];
  /** Largest CIDR expansion allowed (default 256 addresses, at most 65,536). */
  maxHosts?: number;
  client?: Partial<ClientLimits>;
  /** Headers for the single explicitly named target (a bearer token, a cookie). */
  headers?: Record<string, string>;
  originConcurrency?: number;
}

export interface ProbeStats {
  kind: 'probe-stats';
  path: string;
  origins: number;
  closed: number;
  answered: number;
  services: number;
  requests: number;
  requestBudget: number;
  connects: number;
  errors: number;
  bytesRead: number;
  p50Ms: number;
  p95Ms: number;
  originP95Ms: number;
  durationMs: number;
  [key: string]: unknown;
}

export async function probeTargets(specs: string[], opts: ProbeOptions = {}): Promise<{ report: Report; stats: ProbeStats; target: ProbeTarget }> {
  const started = Date.now();
  const origins = expandTargets(specs, { ports: opts.ports, wellKnownPorts: wellKnownPorts(opts.services ?? SERVICES, opts.grpcServices ?? GRPC_SERVICES), maxHosts: opts.maxHosts });
  if (!origins.length) throw new UsageError('no targets to probe');
  const client = new ProbeClient(opts.client);
  if (opts.headers && Object.keys(opts.headers).length) {
    const explicit = origins.filter((o) => o.explicit);
    if (explicit.length !== 1 || origins.length !== 1) throw new UsageError('--header/--token apply to exactly one URL or host:port target; probe other targets in a separate run');
    const o = explicit[0];
    // Credentials are bound to the origin (both schemes when the user gave host:port).
    for (const scheme of o.scheme ? [o.scheme] : ['http', 'https']) client.setCredentials(originUrl(o, scheme), opts.headers);
  }
  const label = specs.length === 1 ? specs[0] : `${specs.length} targets`;
  const target = new ProbeTarget(label, origins, client, opts);
  const ignores: IgnoreEntry[] = [];
  if (opts.ignoreFile) {
    const ig = await loadIgnoreFile(opts.ignoreFile);
    ignores.push(...ig.entries);
    for (const w of ig.warnings) opts.onWarning?.(w);
  }
  let report: Report;
  try {
    report = await runTargets([target], { ...opts, ruleOptions: {} }, ignores);
  } finally {
    client.close();
  }
  report.targets = specs;
  for (const f of target.results) {
    for (const s of f.services) {
      report.inventory.push({
        kind: 'service',
        path: f.url,
        service: s.id,
        name: s.name,
        auth: s.auth,
        ...(s.version ? { version: s.version } : {}),
        ...(s.protocol ? { protocol: s.protocol } : {}),
        identifiedBy: s.identifiedBy,
        ...(s.notChecked ? { notChecked: s.notChecked } : {}),
      });
    }
  }
  const stats: ProbeStats = {
    kind: 'probe-stats',
    path: label,
    origins: origins.length,
    closed: target.closed,
    answered: target.results.length,
    services: target.results.reduce((n, f) => n + f.services.length, 0),
    requests: client.stats.requests,
    requestBudget: client.limits.maxRequests,
    connects: client.stats.connects,
    errors: client.stats.errors,
    bytesRead: client.stats.bytesRead,
    p50Ms: percentile(client.stats.latenciesMs, 50),
    p95Ms: percentile(client.stats.latenciesMs, 95),
    originP95Ms: percentile(target.originMs, 95),
    durationMs: Date.now() - started,
  };
  report.inventory.push(stats);
  report.stats.bytesRead = client.stats.bytesRead;
  report.stats.durationMs = stats.durationMs;
  return { report, stats, target };
}
