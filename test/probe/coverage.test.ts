// Coverage the issue asks for that the per-service table does not reach: JupyterLab on Jupyter
// Server (two services on one origin), `--targets FILE`, and an emulator for every fingerprint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRPC_SERVICES, SERVICES } from '../../src/knowledge/probe/index.js';
import { probeTargets } from '../../src/scan/probe.js';
import { cli } from '../helpers/cli.js';
import { start } from './emulators/server.js';
import * as E from './emulators/services.js';

test('identifies JupyterLab on an open Jupyter Server and reports its kernels, terminals and contents', async () => {
  const srv = await start(E.jupyterlab, 'open');
  try {
    const { report } = await probeTargets([srv.url], { matchAdvisories: () => [], client: { timeoutMs: 3000 } });
    const services = report.inventory.filter((r) => r.kind === 'service').map((r) => r.service).sort();
    assert.deepEqual(services, ['jupyter-server', 'jupyterlab']);
    const urls = report.findings.filter((f) => f.ruleId === 'endpoint/unauthenticated-sensitive-api').map((f) => new URL(f.location.url!).pathname).sort();
    assert.deepEqual(urls, ['/api/contents', '/api/kernels', '/api/terminals']);
  } finally {
    await srv.close();
  }
});

test('a token-protected JupyterLab yields the inventory and no findings', async () => {
  const srv = await start(E.jupyterlab, 'secured');
  try {
    const { report } = await probeTargets([srv.url], { matchAdvisories: () => [], client: { timeoutMs: 3000 } });
    const services = report.inventory.filter((r) => r.kind === 'service');
    assert.deepEqual(services.map((s) => [s.service, s.auth]), [['jupyter-server', 'required']]);
    assert.deepEqual(report.findings, []);
  } finally {
    await srv.close();
  }
});

test('--targets FILE probes each listed target and ignores comments', async () => {
  const a = await start(E.ray, 'open');
  const b = await start(E.streamlit, 'open');
  const dir = await mkdtemp(join(tmpdir(), 'mlwarden-targets-'));
  try {
    const file = join(dir, 'targets.txt');
    await writeFile(file, `# lab hosts\n${a.url}   # ray head\n\n${b.url.replace('http://', '')}\n`);
    const r = await cli(['probe', '--targets', file, '-f', 'json', '--fail-on', 'none'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { inventory: Array<{ kind: string; service?: string; origins?: number }> };
    assert.deepEqual(report.inventory.filter((x) => x.kind === 'service').map((x) => x.service).sort(), ['ray', 'streamlit']);
    assert.equal(report.inventory.find((x) => x.kind === 'probe-stats')?.origins, 2);
    assert.equal((await cli(['probe', '--targets', join(dir, 'missing.txt')])).code, 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await a.close();
    await b.close();
  }
});

test('every fingerprint has its emulator beside it, in a file of the same name', () => {
  const dir = new URL('./emulators/', import.meta.url);
  // JupyterLab's emulator is a Jupyter Server too; the real Jupyter Server runs in jupyter-real.test.ts.
  const coveredElsewhere = new Set(['jupyter-server']);
  const ids = [...SERVICES, ...GRPC_SERVICES].map((s) => s.id).filter((id) => !coveredElsewhere.has(id));
  assert.deepEqual(ids.filter((id) => !existsSync(new URL(`${id}.ts`, dir))), []);
  for (const id of ids) assert.ok(existsSync(new URL(`../../src/knowledge/probe/${id}.ts`, import.meta.url)), `src/knowledge/probe/${id}.ts`);
});
