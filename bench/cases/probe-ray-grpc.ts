// Live probe of Ray gRPC ports: 150 loopback HTTP/2 cleartext servers (50 Ray GCS, 50 Ray client
// servers, 50 generic gRPC servers answering UNIMPLEMENTED) and 50 closed ports. Measures that each
// gRPC origin costs the expected handful of requests (HTTP/1 and TLS detection, then one unary call
// per fingerprint at most), the throughput and the p95 latency.
import { closedPort, type BenchCase } from '../harness.js';

const c: BenchCase = {
  name: 'probe: 200 loopback ports, 150 gRPC (Ray GCS/client, decoys)',
  scanner: 'probe',
  async setup() {
    return { paths: [], bytes: 0, files: 200 };
  },
  async run() {
    const { probeTargets } = await import('../../src/scan/probe.js');
    const { startGrpc } = await import('../../test/probe/emulators/grpc.js');
    const kinds = ['ray-gcs', 'ray-client', 'unimplemented'] as const;
    const servers = await Promise.all(Array.from({ length: 150 }, (_, i) => startGrpc(kinds[i % 3], 'open')));
    const open = servers.map((s) => s.port);
    const closed = new Set<number>();
    while (closed.size < 50) {
      const p = await closedPort();
      if (!open.includes(p)) closed.add(p);
    }
    const budget = 5_000;
    const t0 = Date.now();
    const { stats, report } = await probeTargets(['127.0.0.1/32'], { ports: [...open, ...closed], client: { maxRequests: budget, ratePerSecond: 5000, concurrency: 64 } });
    const secs = (Date.now() - t0) / 1000;
    await Promise.all(servers.map((s) => s.close()));
    return {
      origins: stats.origins,
      services: stats.services,
      findings: report.findings.length,
      requests: `${stats.requests}/${budget}`,
      'targets/s': (stats.origins / secs).toFixed(0),
      'req/s': (stats.requests / secs).toFixed(0),
      'p95 req ms': stats.p95Ms,
      'p95 target ms': stats.originP95Ms,
    };
  },
};
export default c;
