import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { auditGpu } from '../../src/scan/gpu-audit.js';
import { parseListen, startMetricsServer } from '../../src/report/prometheus.js';
import { run } from '../../src/cli/run.js';
import { FIX } from './helpers.js';

const MIG = join(FIX, 'a100-timesliced-miner');

test('serves Prometheus metrics on 127.0.0.1:0 and a scrape returns findings, driver branch and MIG state', async () => {
  let audits = 0;
  const srv = await startMetricsServer(
    async () => {
      audits++;
      return auditGpu({ from: MIG, label: 'gpu-a100-01' });
    },
    { host: '127.0.0.1', port: 0 },
    60_000,
  );
  try {
    const res = await fetch(srv.url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    assert.match(body, /^# TYPE mlwarden_gpu_findings gauge$/m);
    assert.match(body, /^mlwarden_gpu_findings\{host="gpu-a100-01",rule="gpu\/miner-process",severity="critical"\} 1$/m);
    assert.match(body, /^mlwarden_gpu_driver_info\{host="gpu-a100-01",version="535\.54\.03",branch="R535"\} 1$/m);
    assert.match(body, /^mlwarden_gpu_mig_enabled\{host="gpu-a100-01",gpu="00000000:01:00\.0",uuid="GPU-513536b6-7d19-9063-b049-1e69664bb298"\} 0$/m);
    assert.match(body, /^mlwarden_gpu_findings_by_severity\{host="gpu-a100-01",severity="critical"\} 3$/m);
    assert.match(body, /^mlwarden_gpu_audit_success\{host="gpu-a100-01"\} 1$/m);
    // Every sample line is `name{labels} value`.
    for (const l of body.split('\n').filter((x) => x && !x.startsWith('#'))) assert.match(l, /^[a-z_]+(\{[^}]*\})? (-?\d+(\.\d+)?(e-?\d+)?|NaN)$/, l);
    await fetch(srv.url);
    assert.equal(audits, 1, 'second scrape within the interval reuses the audit');
    assert.equal((await fetch(srv.url.replace('/metrics', '/nope'))).status, 404);
  } finally {
    await srv.close();
  }
});

test('a failing audit is exposed as mlwarden_gpu_audit_success 0, not as an HTTP error', async () => {
  const srv = await startMetricsServer(async () => Promise.reject(new Error('boom')), { host: '127.0.0.1', port: 0 }, 0);
  try {
    const body = await (await fetch(srv.url)).text();
    assert.match(body, /^mlwarden_gpu_audit_success 0$/m);
  } finally {
    await srv.close();
  }
});

test('mlwarden gpu --metrics 127.0.0.1:0 serves until SIGTERM', async () => {
  let err = '';
  let announced: (url: string) => void;
  const url = new Promise<string>((r) => (announced = r));
  const io = {
    stdout: { write: () => true },
    stderr: {
      write: (s: string) => {
        err += s;
        const m = /(http:\/\/\S+\/metrics)/.exec(s);
        if (m) announced(m[1]);
        return true;
      },
    },
    env: {},
    cwd: process.cwd(),
  };
  const done = run(['gpu', '--from', MIG, '--metrics', '127.0.0.1:0'], io);
  const body = await (await fetch(await url)).text();
  assert.match(body, /mlwarden_gpu_findings\{host="[^"]*a100-timesliced-miner",rule="gpu\/driver-vulnerable",severity="high"\} 1/);
  process.emit('SIGTERM');
  assert.equal(await done, 0);
  assert.match(err, /serving Prometheus metrics/);
});

test('listen address forms', () => {
  assert.deepEqual(parseListen(':9477'), { host: '0.0.0.0', port: 9477 });
  assert.deepEqual(parseListen('127.0.0.1:0'), { host: '127.0.0.1', port: 0 });
  assert.deepEqual(parseListen('[::1]:9477'), { host: '::1', port: 9477 });
  assert.throws(() => parseListen('9477'));
  assert.throws(() => parseListen(':70000'));
});
