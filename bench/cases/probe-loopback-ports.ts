// Live probe: 1,000 loopback ports, 100 of them emulated ML services (MLflow, Ray, Ollama, vLLM,
// Triton, and a catch-all decoy), the rest closed. Measures that the run fits in the request
// budget, its throughput, and p95 latency per request and per answering target.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedPort, type BenchCase } from '../harness.js';

type Routes = Record<string, unknown>;
const SPECS: Array<{ name: string; routes: Routes; headers?: Record<string, string>; fallback?: string }> = [
  { name: 'mlflow', routes: { '/api/2.0/mlflow/experiments/search': { experiments: [{ experiment_id: '0', name: 'Default' }] }, '/version': '2.9.2' } },
  { name: 'ray', routes: { '/api/version': { version: '4', ray_version: '2.8.0' }, '/api/jobs/': [] } },
  { name: 'ollama', routes: { '/': 'Ollama is running', '/api/version': { version: '0.1.33' }, '/api/tags': { models: [] } } },
  { name: 'vllm', routes: { '/v1/models': { object: 'list', data: [{ id: 'm', object: 'model', owned_by: 'vllm' }] }, '/version': { version: '0.4.2' } } },
  { name: 'triton', routes: { '/v2': { name: 'triton', version: '2.41.0', extensions: ['model_repository'] }, '/v2/models/stats': { model_stats: [] } } },
  { name: 'decoy', routes: {}, fallback: '<html>It works!</html>' },
];

function serve(spec: (typeof SPECS)[number]): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    const body = spec.routes[(req.url ?? '/').split('?')[0]];
    if (body === undefined) {
      res.writeHead(spec.fallback ? 200 : 404, { 'content-type': 'text/plain' }).end(spec.fallback ?? 'not found');
      return;
    }
    const json = typeof body !== 'string';
    res.writeHead(200, { 'content-type': json ? 'application/json' : 'text/plain' }).end(json ? JSON.stringify(body) : body);
  });
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(s)));
}

const c: BenchCase = {
  name: 'probe: 1k loopback ports, 100 svc',
  scanner: 'probe',
  async setup() {
    return { paths: [], bytes: 0, files: 1000 };
  },
  async run() {
    const { probeTargets } = await import('../../src/scan/probe.js');
    const servers = await Promise.all(Array.from({ length: 100 }, (_, i) => serve(SPECS[i % SPECS.length])));
    const open = servers.map((s) => (s.address() as AddressInfo).port);
    const closed = new Set<number>();
    while (closed.size < 900) {
      const p = await closedPort();
      if (!open.includes(p)) closed.add(p);
    }
    const budget = 10_000;
    const t0 = Date.now();
    const { stats } = await probeTargets(['127.0.0.1/32'], { ports: [...open, ...closed], client: { maxRequests: budget, ratePerSecond: 5000, concurrency: 64 } });
    const secs = (Date.now() - t0) / 1000;
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    return {
      origins: stats.origins,
      services: stats.services,
      requests: `${stats.requests}/${budget}`,
      'targets/s': (stats.origins / secs).toFixed(0),
      'req/s': (stats.requests / secs).toFixed(0),
      'p95 req ms': stats.p95Ms,
      'p95 target ms': stats.originP95Ms,
    };
  },
};
export default c;
