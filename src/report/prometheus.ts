// Prometheus text exposition (format 0.0.4) of a GPU audit, and a tiny HTTP server for it, so a
// fleet's GPU posture lands on the same dashboards as DCGM. Each scrape re-runs the audit unless
// the last one is younger than `minIntervalMs` (nvidia-smi is not free on busy nodes).
import { createServer, type Server } from 'node:http';
import { driverBranch } from '../advisories/nvidia-bulletins.js';
import { SEVERITIES, type Report } from '../core/types.js';
import type { GpuAudit } from '../scan/gpu-audit.js';

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(l: Record<string, string | undefined>): string {
  const parts = Object.entries(l)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${esc(v!)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export function renderMetrics(a: GpuAudit | undefined, meta: { durationSeconds: number; timestamp: number; error?: string }): string {
  const out: string[] = [];
  const metric = (name: string, help: string, type: string, samples: Array<[Record<string, string | undefined>, number]>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples) out.push(`${name}${labels(l)} ${Number.isFinite(v) ? v : 'NaN'}`);
  };
  const host = a?.evidence.label;
  metric('mlwarden_gpu_audit_success', 'Whether the last GPU audit completed (1) or failed (0).', 'gauge', [[{ host }, a && !meta.error ? 1 : 0]]);
  metric('mlwarden_gpu_audit_timestamp_seconds', 'Unix time of the last GPU audit.', 'gauge', [[{ host }, meta.timestamp]]);
  metric('mlwarden_gpu_audit_duration_seconds', 'Wall time of the last GPU audit.', 'gauge', [[{ host }, meta.durationSeconds]]);
  if (!a) return `${out.join('\n')}\n`;
  const r: Report = a.report;
  const counts = new Map<string, number>();
  for (const f of r.findings) counts.set(`${f.ruleId}\u0000${f.severity}`, (counts.get(`${f.ruleId}\u0000${f.severity}`) ?? 0) + 1);
  metric(
    'mlwarden_gpu_findings',
    'Findings of the last GPU audit by rule and severity.',
    'gauge',
    [...counts].sort().map(([k, v]) => {
      const [rule, severity] = k.split('\u0000');
      return [{ host, rule, severity }, v];
    }),
  );
  metric('mlwarden_gpu_findings_by_severity', 'Findings of the last GPU audit by severity.', 'gauge', SEVERITIES.map((s) => [{ host, severity: s }, r.findings.filter((f) => f.severity === s).length]));
  const m = a.model;
  if (m.driverVersion) metric('mlwarden_gpu_driver_info', 'NVIDIA driver version and branch (value is always 1).', 'gauge', [[{ host, version: m.driverVersion, branch: driverBranch(m.driverVersion) }, 1]]);
  if (m.ctkVersion) metric('mlwarden_gpu_container_toolkit_info', 'NVIDIA Container Toolkit version (value is always 1).', 'gauge', [[{ host, version: m.ctkVersion }, 1]]);
  const gpus = m.smi?.gpus ?? [];
  metric('mlwarden_gpu_info', 'One series per GPU with its isolation-relevant modes (value is always 1).', 'gauge', gpus.map((g) => [{ host, gpu: g.id, uuid: g.uuid, product: g.productName, brand: g.brand, mig_mode: g.migCurrent ?? 'N/A', compute_mode: g.computeMode ?? 'N/A', ecc_mode: g.eccCurrent ?? 'N/A', persistence_mode: g.persistenceMode ?? 'N/A' }, 1]));
  metric('mlwarden_gpu_mig_enabled', 'MIG mode per MIG-capable GPU: 1 enabled, 0 disabled.', 'gauge', gpus.filter((g) => g.migCurrent).map((g) => [{ host, gpu: g.id, uuid: g.uuid }, g.migCurrent === 'Enabled' ? 1 : 0]));
  metric('mlwarden_gpu_mig_instances', 'MIG devices per GPU.', 'gauge', gpus.filter((g) => g.migCurrent).map((g) => [{ host, gpu: g.id, uuid: g.uuid }, g.migDevices]));
  metric('mlwarden_gpu_processes', 'Processes nvidia-smi lists per GPU.', 'gauge', gpus.map((g) => [{ host, gpu: g.id, uuid: g.uuid }, g.processes.length]));
  metric('mlwarden_gpu_evidence_missing', 'Audit inputs that were not available (1 per input).', 'gauge', m.missing.map((x) => [{ host, input: x.file }, 1]));
  return `${out.join('\n')}\n`;
}

export interface MetricsServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Parses ':9400', '0.0.0.0:9400', '127.0.0.1:0', '[::1]:9400'. */
export function parseListen(spec: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(spec.trim());
  if (!m || Number(m[3]) > 65535) throw new Error(`--metrics: expected [HOST]:PORT, got '${spec}'`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port: Number(m[3]) };
}

export async function startMetricsServer(audit: () => Promise<GpuAudit>, listen: { host: string; port: number }, minIntervalMs = 30_000): Promise<MetricsServer> {
  let last: { at: number; body: string } | undefined;
  let running: Promise<string> | undefined;
  const scrape = async (): Promise<string> => {
    if (last && Date.now() - last.at < minIntervalMs) return last.body;
    running ??= (async () => {
      const started = Date.now();
      let a: GpuAudit | undefined;
      let error: string | undefined;
      try {
        a = await audit();
      } catch (e) {
        error = (e as Error).message;
      }
      const body = renderMetrics(a, { durationSeconds: (Date.now() - started) / 1000, timestamp: Math.floor(started / 1000), error });
      last = { at: Date.now(), body };
      return body;
    })().finally(() => (running = undefined));
    return running;
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      scrape().then(
        (body) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : body),
        (e) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e)),
      );
      return;
    }
    if (path === '/' || path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('mlwarden gpu metrics: /metrics\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(listen.port, listen.host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : listen.port;
  const h = listen.host.includes(':') ? `[${listen.host}]` : listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host;
  return { server, url: `http://${h}:${port}/metrics`, close: () => new Promise((ok) => server.close(() => ok())) };
}
