// A real Jupyter Server (Debian's python3-jupyter-server), started on 127.0.0.1 with and without a
// token. Skipped with a message when the package is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeTargets } from '../../src/scan/probe.js';

function findJupyter(): string[] | undefined {
  for (const cmd of [['jupyter-server'], ['/usr/bin/python3', '-m', 'jupyter_server'], ['python3', '-m', 'jupyter_server']]) {
    const r = spawnSync(cmd[0], [...cmd.slice(1), '--version'], { encoding: 'utf8', timeout: 20_000 });
    if (r.status === 0) return cmd;
  }
  return undefined;
}

const jupyter = findJupyter();
const skip = jupyter ? false : 'Jupyter Server is not installed (apt-get install -y python3-jupyter-server)';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

async function startJupyter(token: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mlwarden-jupyter-'));
  const port = await freePort();
  const args = [
    ...jupyter!.slice(1),
    '--no-browser', '--allow-root', '--ip=127.0.0.1', `--port=${port}`, '--ServerApp.port_retries=0',
    `--ServerApp.token=${token}`, '--ServerApp.password=', `--ServerApp.root_dir=${dir}`,
  ];
  const env = { ...process.env, JUPYTER_RUNTIME_DIR: join(dir, 'rt'), JUPYTER_CONFIG_DIR: join(dir, 'cfg'), JUPYTER_DATA_DIR: join(dir, 'data'), HOME: dir };
  const child: ChildProcess = spawn(jupyter![0], args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`jupyter did not start:\n${log}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => {
      log += c.toString();
      if (log.includes(`127.0.0.1:${port}/`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`jupyter exited ${code}:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.removeAllListeners('exit');
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('flags a real Jupyter Server started without a token (kernels, terminals, contents)', { skip, timeout: 90_000 }, async () => {
  const j = await startJupyter('');
  try {
    const { report } = await probeTargets([j.url], { matchAdvisories: () => [] });
    const svc = report.inventory.find((r) => r.kind === 'service');
    assert.equal(svc?.service, 'jupyter-server');
    assert.match(String(svc?.version), /^\d+\.\d+/);
    const urls = report.findings.filter((f) => f.ruleId === 'endpoint/unauthenticated-sensitive-api').map((f) => new URL(f.location.url!).pathname).sort();
    assert.deepEqual(urls, ['/api/contents', '/api/kernels', '/api/terminals'].filter((p) => p !== '/api/terminals' || urls.includes(p)));
    assert.ok(urls.includes('/api/kernels'));
    assert.ok(report.findings.find((f) => f.ruleId === 'endpoint/unauthenticated-sensitive-api')?.severity === 'critical');
  } finally {
    await j.stop();
  }
});

test('reports nothing but the inventory for a real Jupyter Server with a token', { skip, timeout: 90_000 }, async () => {
  const j = await startJupyter('mlwarden-test-token-0123456789');
  try {
    const { report } = await probeTargets([j.url], { matchAdvisories: () => [] });
    const svc = report.inventory.find((r) => r.kind === 'service');
    assert.equal(svc?.service, 'jupyter-server');
    assert.equal(svc?.auth, 'required');
    assert.deepEqual(report.findings.map((f) => f.ruleId), []);
    // With the token, the probe sees the same service and does not call its APIs unauthenticated.
    const withToken = await probeTargets([j.url], { matchAdvisories: () => [], headers: { authorization: 'token mlwarden-test-token-0123456789' } });
    assert.equal(withToken.report.inventory.find((r) => r.kind === 'service')?.service, 'jupyter-server');
    assert.deepEqual(withToken.report.findings.map((f) => f.ruleId), []);
  } finally {
    await j.stop();
  }
});
