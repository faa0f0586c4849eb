import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { selectRules } from '../../scan/scan-paths.js';
import { UsageError } from '../../core/errors.js';
import { probeTargets } from '../../scan/probe.js';
import { DEFAULT_CLIENT_LIMITS } from '../../targets/http/http-client.js';
import { parsePorts, parseTargetsFile, DEFAULT_MAX_HOSTS, MAX_CIDR_HOSTS } from '../../targets/http/origins.js';
import { EXIT_CODE_HELP } from '../exit-codes.js';
import { emitReport, parse, REPORT_HELP, REPORT_OPTIONS, resolveSettings } from '../report-options.js';
import type { Command } from '../command.js';

const usage = `Usage: mlwarden probe [options] TARGET...

Probes live ML services (MLflow, Ray dashboard/Jobs API and its GCS and client-server gRPC ports,
Jupyter, TorchServe, Triton, Ollama, vLLM, TGI, TF Serving, KServe, Gradio, Streamlit, Kubeflow,
Airflow, TensorBoard, ComfyUI, Prometheus, DCGM exporter, kubelet, Kubernetes API) with read-only
requests, and reports unauthenticated sensitive APIs and serving hardening gaps. TARGET is a URL,
host:port, host (the well-known ML ports), or an IPv4 CIDR (with --ports). Only GET/HEAD/OPTIONS
are sent unless --active is given (ports that do not answer HTTP/1 get one read-only gRPC call per
Ray fingerprint, an HTTP/2 POST by protocol).

Probe options:
      --targets FILE       read targets from FILE (one per line, # comments)
      --ports LIST         ports for hosts and CIDRs, e.g. 8080,8265,8000-8010
      --max-hosts N        largest CIDR expansion (default ${DEFAULT_MAX_HOSTS}, at most ${MAX_CIDR_HOSTS} = /16)
      --header 'K: V'      header for the single URL/host:port target (repeatable; never sent elsewhere)
      --token TOKEN        shorthand for --header 'Authorization: Bearer TOKEN'
      --check-default-credentials
                           try each service's documented default login (one pair, never a list)
      --active             also send a short request burst (rate limiting), one oversized body
                           (request-size limit), one 1-token completion with logprobs, and
                           Triton's read-only POST /v2/repository/index (model repository API)
      --max-requests N     total HTTP request budget (default ${DEFAULT_CLIENT_LIMITS.maxRequests})
      --rate N             requests per second, all hosts (default ${DEFAULT_CLIENT_LIMITS.ratePerSecond})
      --concurrency N      requests in flight (default ${DEFAULT_CLIENT_LIMITS.concurrency})
      --per-host N         requests in flight per host (default ${DEFAULT_CLIENT_LIMITS.perHostConcurrency})
      --timeout MS         per-request timeout (default ${DEFAULT_CLIENT_LIMITS.timeoutMs})

${REPORT_HELP}

${EXIT_CODE_HELP}`;

function int(v: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag}: expected an integer from ${min} to ${max}`);
  return n;
}

const command: Command = {
  name: 'probe',
  summary: 'probe live ML services over HTTP (read-only by default)',
  usage,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      ...REPORT_OPTIONS,
      targets: { type: 'string' },
      ports: { type: 'string' },
      'max-hosts': { type: 'string' },
      header: { type: 'string', multiple: true },
      token: { type: 'string' },
      'check-default-credentials': { type: 'boolean' },
      active: { type: 'boolean' },
      'max-requests': { type: 'string' },
      rate: { type: 'string' },
      concurrency: { type: 'string' },
      'per-host': { type: 'string' },
      timeout: { type: 'string' },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    const specs = [...positionals];
    if (values.targets) specs.push(...parseTargetsFile(await readFile(resolve(io.cwd, values.targets), 'utf8').catch(() => {
      throw new UsageError(`--targets: cannot read ${values.targets}`);
    })));
    if (!specs.length) throw new UsageError(`probe needs at least one TARGET (see 'mlwarden probe --help')`);
    const headers: Record<string, string> = {};
    for (const h of values.header ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new UsageError(`--header: expected 'Name: value', got '${h}'`);
      headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
    }
    if (values.token) headers.authorization = `Bearer ${values.token}`;
    const s = await resolveSettings(values, io, '.');
    const warn = (w: string) => !s.quiet && io.stderr.write(`warning: ${w}\n`);
    const opts = {
      cwd: io.cwd,
      ports: values.ports ? parsePorts(values.ports) : undefined,
      maxHosts: int(values['max-hosts'], '--max-hosts', 1, MAX_CIDR_HOSTS),
      headers,
      active: values.active === true,
      checkDefaultCredentials: values['check-default-credentials'] === true,
      client: {
        ...(values['max-requests'] ? { maxRequests: int(values['max-requests'], '--max-requests', 1, 10_000_000) } : {}),
        ...(values.rate ? { ratePerSecond: int(values.rate, '--rate', 1, 100_000) } : {}),
        ...(values.concurrency ? { concurrency: int(values.concurrency, '--concurrency', 1, 1024) } : {}),
        ...(values['per-host'] ? { perHostConcurrency: int(values['per-host'], '--per-host', 1, 64) } : {}),
        ...(values.timeout ? { timeoutMs: int(values.timeout, '--timeout', 100, 600_000) } : {}),
      },
      mask: s.mask,
      disable: s.config.rules?.disable,
      severityOverrides: s.config.rules?.severity,
      minSeverity: s.minSeverity,
      baseline: s.baseline,
      ignoreFile: values['ignore-file'] ? resolve(io.cwd, values['ignore-file']) : undefined,
      onWarning: warn,
    };
    const { report, stats } = await probeTargets(specs, opts);
    if (!s.quiet) {
      io.stderr.write(
        `probe: ${stats.origins} origin(s), ${stats.answered} answered, ${stats.services} service(s) identified; ` +
          `${stats.requests}/${stats.requestBudget} requests used, ${stats.connects} connect checks, p95 ${stats.p95Ms} ms, ${stats.durationMs} ms\n`,
      );
    }
    return emitReport(report, await selectRules(opts), s, io);
  },
};
export default command;
