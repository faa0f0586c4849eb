// The probe is pointed at production: every bound is tested here (body cap, budget, per-host
// concurrency, redirects, credential scoping, CIDR limits, read-only methods, active checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbeClient } from '../../src/targets/http/http-client.js';
import { expandCidr, expandTargets, parsePorts } from '../../src/targets/http/origins.js';
import { probeTargets } from '../../src/scan/probe.js';
import { cli } from '../helpers/cli.js';
import { start } from './emulators/server.js';
import * as E from './emulators/services.js';

async function server(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    }),
  };
}

test('stops reading a response at the body cap', async () => {
  let written = 0;
  const s = await server((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    const pump = () => {
      while (written < 64 * 1024 * 1024) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => undefined);
    pump();
  });
  const c = new ProbeClient({ maxBodyBytes: 100_000 });
  try {
    const r = await c.request({ url: `${s.url}/big` });
    assert.equal(r.body.length, 100_000);
    assert.equal(r.truncated, true);
    assert.ok(written < 64 * 1024 * 1024, 'the server did not get to send everything');
  } finally {
    c.close();
    await s.close();
  }
});

test('never follows a redirect to another origin and never sends credentials there', async () => {
  const seenByOther: http.IncomingHttpHeaders[] = [];
  const other = await server((req, res) => {
    seenByOther.push(req.headers);
    res.end('{}');
  });
  const first = await server((req, res) => {
    if (req.url === '/same') return void res.writeHead(302, { location: '/final' }).end();
    if (req.url === '/final') return void res.end(JSON.stringify({ auth: req.headers.authorization ?? null }));
    res.writeHead(302, { location: `${other.url}/steal` }).end();
  });
  const c = new ProbeClient();
  c.setCredentials(first.url, { authorization: 'Bearer secret-token' });
  try {
    const away = await c.request({ url: `${first.url}/go` });
    assert.equal(away.status, 302);
    assert.equal(away.redirect, `${other.url}/steal`);
    const same = await c.request({ url: `${first.url}/same` });
    assert.equal(same.status, 200);
    assert.equal(JSON.parse(same.body.toString()).auth, 'Bearer secret-token');
    await c.request({ url: `${other.url}/direct` });
    assert.equal(seenByOther.length, 1);
    assert.equal(seenByOther[0].authorization, undefined);
  } finally {
    c.close();
    await first.close();
    await other.close();
  }
});

test('refuses --token with more than one target', async () => {
  await assert.rejects(probeTargets(['127.0.0.1:1', '127.0.0.1:2'], { headers: { authorization: 'Bearer x' } }), /exactly one/);
  await assert.rejects(probeTargets(['127.0.0.1'], { headers: { authorization: 'Bearer x' } }), /exactly one/);
});

test('keeps per-host concurrency within its bound', async () => {
  let active = 0;
  let peak = 0;
  const s = await server((_req, res) => {
    active++;
    peak = Math.max(peak, active);
    setTimeout(() => {
      active--;
      res.end('x');
    }, 20);
  });
  const c = new ProbeClient({ perHostConcurrency: 2, concurrency: 16 });
  try {
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.request({ url: `${s.url}/${i}` })));
    assert.ok(peak <= 2, `peak ${peak}`);
  } finally {
    c.close();
    await s.close();
  }
});

test('stops at the request budget and says so in the report', async () => {
  const srv = await start(E.mlflow, 'open');
  try {
    const { report, stats } = await probeTargets([srv.url], { client: { maxRequests: 5 } });
    assert.equal(stats.requests, 5);
    assert.equal(srv.requests.length, 5);
    assert.ok(report.errors.some((e) => e.ruleId === 'scan/limit-exceeded' && /budget/.test(e.message)));
    assert.equal(report.inventory.find((r) => r.kind === 'probe-stats')?.requestBudget, 5);
  } finally {
    await srv.close();
  }
});

test('reports an explicit target that does not answer', async () => {
  const s = await server(() => undefined);
  const port = Number(new URL(s.url).port);
  await s.close();
  const { report } = await probeTargets([`127.0.0.1:${port}`], { client: { timeoutMs: 1000 } });
  assert.equal(report.errors.length, 1);
  assert.match(report.errors[0].message, /no HTTP\(S\) or gRPC answer/);
});

test('expands hosts, ports and CIDRs only within the limits', () => {
  assert.deepEqual(parsePorts('8080,8000-8002'), [8000, 8001, 8002, 8080]);
  assert.throws(() => parsePorts('70000'), /out of range/);
  assert.equal(expandCidr('10.1.2.0/24', 256).length, 254);
  assert.deepEqual(expandCidr('127.0.0.1/32', 256), ['127.0.0.1']);
  assert.throws(() => expandCidr('10.0.0.0/16', 256), /--max-hosts/);
  assert.equal(expandCidr('10.0.0.0/16', 65536).length, 65534);
  assert.throws(() => expandCidr('10.0.0.0/15', 1 << 20), /at most 65536/);
  assert.throws(() => expandTargets(['10.0.0.0/30'], { wellKnownPorts: [80] }), /needs --ports/);
  const host = expandTargets(['gpu-box'], { wellKnownPorts: [8265, 8888] });
  assert.deepEqual(host.map((o) => o.label), ['gpu-box:8265', 'gpu-box:8888']);
  assert.ok(host.every((o) => o.expanded && !o.explicit));
  const url = expandTargets(['https://example.invalid/mlflow/'], { wellKnownPorts: [] });
  assert.deepEqual([url[0].scheme, url[0].port, url[0].basePath], ['https', 443, '/mlflow']);
  assert.throws(() => expandTargets(['http://u:p@h/'], { wellKnownPorts: [] }), /credentials/);
});

test('probes a CIDR with --ports, skipping closed ports silently', async () => {
  const srv = await start(E.ollama, 'open');
  const closed = await server(() => undefined);
  const closedPort = Number(new URL(closed.url).port);
  await closed.close();
  try {
    const { report, stats } = await probeTargets(['127.0.0.1/32'], { ports: [srv.port, closedPort] });
    assert.deepEqual(report.inventory.filter((r) => r.kind === 'service').map((r) => r.service), ['ollama']);
    assert.equal(stats.closed, 1);
    assert.equal(report.errors.length, 0);
  } finally {
    await srv.close();
  }
});

test('sends POST only with --active: one oversized body, a bounded burst, one logprobs request', async () => {
  const srv = await start(E.vllm, 'open');
  try {
    const passive = await probeTargets([srv.url]);
    assert.ok(srv.requests.every((r) => r.method === 'GET'));
    assert.ok(!passive.report.findings.some((f) => ['endpoint/no-rate-limit', 'endpoint/no-request-size-limit', 'endpoint/token-logprobs-exposed'].includes(f.ruleId)));
    srv.requests.length = 0;
    const { report } = await probeTargets([srv.url], { active: true, oversizedBodyBytes: 1024 * 1024, burstRequests: 10 });
    const ids = report.findings.map((f) => f.ruleId);
    for (const id of ['endpoint/no-rate-limit', 'endpoint/no-request-size-limit', 'endpoint/token-logprobs-exposed']) assert.ok(ids.includes(id), id);
    const posts = srv.requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 2, 'one oversized body and one 1-token completion');
    assert.ok(srv.requests.filter((r) => r.url === '/v1/models').length <= 12, 'the burst is bounded');
  } finally {
    await srv.close();
  }
});

test('a rate-limited service stops the burst at the first 429', async () => {
  let n = 0;
  const s = await server((req, res) => {
    if (req.url === '/api/version') {
      n++;
      if (n > 3) return void res.writeHead(429, { 'retry-after': '1' }).end();
    }
    if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('Ollama is running');
    if (req.url === '/api/version') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"version":"0.1.33"}');
    if (req.method === 'POST') return void res.writeHead(413).end();
    res.writeHead(404).end('404 page not found');
  });
  try {
    const { report } = await probeTargets([s.url], { active: true, oversizedBodyBytes: 1024 * 1024 });
    const ids = report.findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('endpoint/no-rate-limit'));
    assert.ok(!ids.includes('endpoint/no-request-size-limit'));
    assert.ok(n <= 5, `burst stopped after the 429 (${n} version requests)`);
  } finally {
    await s.close();
  }
});

test('matches revealed versions against the advisory database hook', async () => {
  const srv = await start(E.ray, 'open');
  try {
    const seen: string[] = [];
    const matchAdvisories = (eco: string, name: string, version: string) => {
      seen.push(`${eco}/${name}@${version}`);
      return name === 'ray' ? [{ id: 'GHSA-6wgj-66m2-xxp2', severity: 'critical', summary: 'Ray Jobs API allows remote code execution', aliases: ['CVE-2023-48022'] }] : [];
    };
    const { report } = await probeTargets([srv.url], { matchAdvisories });
    assert.deepEqual(seen, ['PyPI/ray@2.8.0']);
    const f = report.findings.find((x) => x.ruleId === 'endpoint/vulnerable-version');
    assert.equal(f?.severity, 'critical');
    assert.match(f!.message, /GHSA-6wgj-66m2-xxp2/);
  } finally {
    await srv.close();
  }
});

test('a classic Notebook (4.x-6.x) version is matched as the notebook package, jupyter_server versions as jupyter-server', async () => {
  for (const [version, pkg] of [['6.5.4', 'notebook'], ['2.14.2', 'jupyter-server']]) {
    // notebook 6 / jupyter_server: GET /api is public and reports the version; Tornado serves both.
    const s = await server((req, res) => {
      const h = { 'content-type': 'application/json', server: 'TornadoServer/6.4' };
      if (req.url === '/api') return void res.writeHead(200, h).end(JSON.stringify({ version }));
      res.writeHead(403, h).end('{"message": "Forbidden", "reason": null}');
    });
    try {
      const seen: string[] = [];
      await probeTargets([s.url], { matchAdvisories: (eco: string, name: string, v: string) => (seen.push(`${eco}/${name}@${v}`), []) });
      assert.deepEqual(seen, [`PyPI/${pkg}@${version}`]);
    } finally {
      await s.close();
    }
  }
});

test('flags reflected CORS with credentials and stack traces in errors', async () => {
  const s = await server((req, res) => {
    const cors = req.headers.origin ? { 'access-control-allow-origin': req.headers.origin, 'access-control-allow-credentials': 'true' } : {};
    if (req.url === '/api/version') return void res.writeHead(200, { 'content-type': 'application/json', ...cors }).end('{"version":"4","ray_version":"2.8.0"}');
    res.writeHead(500, { 'content-type': 'text/plain' }).end('Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/aiohttp/web_protocol.py", line 452, in _handle_request\nKeyError: path');
  });
  try {
    const { report } = await probeTargets([s.url]);
    const ids = report.findings.map((f) => f.ruleId).sort();
    assert.ok(ids.includes('endpoint/cors-credentials-wildcard'));
    assert.ok(ids.includes('endpoint/verbose-errors'));
  } finally {
    await s.close();
  }
});

test('mlwarden probe: exit code, JSON report with request budget, usage errors', async () => {
  const srv = await start(E.ray, 'open');
  try {
    const r = await cli(['probe', srv.url, '-f', 'json']);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.findings[0].ruleId, 'endpoint/unauthenticated-sensitive-api');
    assert.equal(report.findings[0].location.url, `${srv.url}/api/jobs/`);
    assert.ok(report.inventory.some((x: { kind: string }) => x.kind === 'probe-stats'));
    assert.match(r.stderr, /requests used/);
    const low = await cli(['probe', srv.url, '--fail-on', 'none', '-q']);
    assert.equal(low.code, 0);
    assert.equal(low.stderr, '');
    // The table report's summary names the probe's scale and its request budget, not file counts.
    assert.match(low.stdout, /1 origin probed \(1 answered, 1 service\), \d+ of \d+ requests in the budget/);
  } finally {
    await srv.close();
  }
  assert.equal((await cli(['probe'])).code, 2);
  assert.equal((await cli(['probe', '10.0.0.0/8', '--ports', '80'])).code, 2);
  assert.equal((await cli(['probe', '10.0.0.0/24'])).code, 2);
});
