// Every emulated service, open and secured: the open mode is identified and its exposures reported;
// the secured mode yields no service findings; decoys are never identified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probeTargets } from '../../src/scan/probe.js';
import { SERVICES } from '../../src/knowledge/probe/index.js';
import { start, type Emulator } from './emulators/server.js';
import * as E from './emulators/services.js';

interface Case {
  emulator: Emulator;
  open: string[];
  /** Service identified in secured mode (undefined: not identifiable without credentials). */
  securedService?: string;
  /** Findings that stay true in the documented secured mode (what its auth does not cover). */
  securedFindings?: string[];
}

const R = (...ids: string[]) => ids.map((i) => `endpoint/${i}`).sort();
const TLS = 'endpoint/untrusted-tls-certificate';

const cases: Case[] = [
  { emulator: E.mlflow, open: R('unauthenticated-sensitive-api', 'unauthenticated-sensitive-api', 'model-listing'), securedService: 'mlflow' },
  { emulator: E.ray, open: R('unauthenticated-sensitive-api'), securedService: 'ray' },
  { emulator: E.torchserve, open: R('unauthenticated-sensitive-api', 'model-listing'), securedService: 'torchserve' },
  { emulator: E.torchserveMetrics, open: R('metrics-exposed') },
  { emulator: E.triton, open: R('model-listing', 'unauthenticated-inference'), securedService: 'triton' },
  { emulator: E.tritonMetrics, open: R('metrics-exposed') },
  { emulator: E.ollama, open: R('unauthenticated-sensitive-api', 'model-listing', 'unauthenticated-inference') },
  // vLLM --api-key guards /v1 only: /metrics stays open. llama.cpp --api-key keeps /v1/models public.
  { emulator: E.vllm, open: R('unauthenticated-inference', 'model-listing', 'metrics-exposed'), securedService: 'vllm', securedFindings: R('metrics-exposed') },
  { emulator: E.openaiCompatible, open: R('unauthenticated-inference', 'model-listing'), securedService: 'openai-compatible', securedFindings: R('model-listing') },
  { emulator: E.tgi, open: R('unauthenticated-inference', 'model-listing') },
  { emulator: E.tfServing, open: R('unauthenticated-inference') },
  { emulator: E.kserve, open: R('model-listing', 'unauthenticated-inference') },
  { emulator: E.gradio, open: R('unauthenticated-app') },
  { emulator: E.streamlit, open: R('unauthenticated-app') },
  { emulator: E.kubeflowDashboard, open: R('unauthenticated-sensitive-api') },
  { emulator: E.kubeflowPipelines, open: R('unauthenticated-sensitive-api') },
  { emulator: E.airflow, open: R('unauthenticated-sensitive-api'), securedService: 'airflow' },
  { emulator: E.tensorboard, open: R('unauthenticated-sensitive-api') },
  { emulator: E.comfyui, open: R('unauthenticated-sensitive-api') },
  { emulator: E.prometheus, open: R('metrics-exposed', 'unauthenticated-sensitive-api') },
  { emulator: E.dcgmExporter, open: R('metrics-exposed') },
  { emulator: E.kubelet, open: [...R('unauthenticated-sensitive-api'), TLS].sort(), securedService: 'kubelet' },
  { emulator: E.kubeletReadOnly, open: R('unauthenticated-sensitive-api') },
  { emulator: E.kubernetesApi, open: [...R('unauthenticated-sensitive-api', 'unauthenticated-sensitive-api'), TLS].sort(), securedService: 'kubernetes-api' },
  { emulator: E.jupyterhub, open: R('unauthenticated-sensitive-api'), securedService: 'jupyterhub' },
];

async function probe(e: Emulator, mode: 'open' | 'secured', extra: Parameters<typeof probeTargets>[1] = {}) {
  const srv = await start(e, mode);
  try {
    // Advisory matching is tested on its own (safety.test.ts, advisories below): keep these about exposure.
    const { report } = await probeTargets([srv.url], { client: { timeoutMs: 3000 }, matchAdvisories: () => [], ...extra });
    const services = report.inventory.filter((r) => r.kind === 'service');
    return { report, services, requests: srv.requests };
  } finally {
    await srv.close();
  }
}

for (const c of cases) {
  test(`identifies ${c.emulator.id} (open mode) and reports its exposures with the request made`, async () => {
    const { report, services, requests } = await probe(c.emulator, 'open');
    assert.deepEqual(services.map((s) => s.service), [c.emulator.service], JSON.stringify(services));
    assert.deepEqual(report.findings.map((f) => f.ruleId).sort(), c.open, report.findings.map((f) => `${f.ruleId} ${f.message}`).join('\n'));
    for (const f of report.findings) {
      const props = f.properties as { request: { method: string; url: string }; evidence: { marker: string } };
      assert.ok(f.location.url?.startsWith('http'), 'location.url is set');
      assert.ok(props.request.method && props.request.url.startsWith(f.location.path), 'request is in properties');
      assert.ok(props.evidence.marker.length > 0, 'evidence marker is in properties');
    }
    assert.ok(requests.every((r) => ['GET', 'HEAD', 'OPTIONS'].includes(r.method)), 'only read-only methods without --active');
  });
  if (c.emulator.secured) {
    test(`reports nothing about ${c.emulator.id} in secured mode`, async () => {
      const { report, services } = await probe(c.emulator, 'secured');
      assert.deepEqual(services.map((s) => s.service), c.securedService ? [c.securedService] : []);
      for (const s of services) assert.equal(s.auth, c.securedService === 'kubernetes-api' ? 'required' : s.auth);
      // A service whose fingerprint knows its authentication challenge is identified as demanding it.
      for (const s of services) {
        const fp = SERVICES.find((x) => x.id === s.service);
        if (fp?.identify.some((p) => p.auth === 'required')) assert.equal(s.auth, 'required', `${s.service} is identified as demanding authentication`);
      }
      const unexpected = report.findings.filter((f) => f.ruleId !== TLS || !c.emulator.tls);
      assert.deepEqual(unexpected.map((f) => f.ruleId).sort(), c.securedFindings ?? [], unexpected.map((f) => `${f.ruleId}: ${f.message}`).join('\n'));
    });
  }
}

for (const d of [E.decoyAll200, E.decoyAll200Json, E.decoyEcho, E.decoyEchoText]) {
  test(`never identifies a service on a decoy (${d.id})`, async () => {
    const { report, services } = await probe(d, 'open');
    assert.deepEqual(services, []);
    assert.deepEqual(report.findings.map((f) => f.ruleId), []);
  });
}

test('accepts MLflow default credentials only with checkDefaultCredentials', async () => {
  const without = await probe(E.mlflow, 'secured');
  assert.equal(without.requests.filter((r) => r.headers.authorization).length, 0, 'no credentials are sent unless asked');
  const withCreds = await probe(E.mlflow, 'secured', { checkDefaultCredentials: true });
  const f = withCreds.report.findings.filter((x) => x.ruleId === 'endpoint/default-credentials');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'critical');
  assert.ok(!f[0].message.includes('password1234'), 'the password is not in the message');
  assert.equal(withCreds.requests.filter((r) => r.headers.authorization).length, 1, 'exactly one documented pair is tried');
});

test('matches a revealed Ray version against the bundled advisory database', async () => {
  const srv = await start(E.ray, 'open');
  try {
    const { report } = await probeTargets([srv.url], { client: { timeoutMs: 3000 } });
    const adv = report.findings.filter((f) => f.ruleId === 'endpoint/vulnerable-version');
    assert.ok(adv.some((f) => f.message.includes('CVE-2023-48022')), adv.map((f) => f.message).join('\n'));
    assert.ok(adv.every((f) => (f.properties as { version?: string }).version === '2.8.0'));
  } finally {
    await srv.close();
  }
});

test('accepts the Airflow docker-compose default login only with checkDefaultCredentials', async () => {
  const without = await probe(E.airflow, 'secured');
  assert.deepEqual(without.services.map((s) => [s.service, s.auth]), [['airflow', 'required']]);
  assert.equal(without.requests.filter((r) => r.headers.authorization).length, 0);
  assert.deepEqual(without.report.findings, []);
  const withCreds = await probe(E.airflow, 'secured', { checkDefaultCredentials: true });
  const f = withCreds.report.findings.filter((x) => x.ruleId === 'endpoint/default-credentials');
  assert.equal(f.length, 1, withCreds.report.findings.map((x) => x.ruleId).join());
  assert.ok(!f[0].message.includes(':airflow') && !(f[0].evidence ?? '').includes('YWlyZmxvdzphaXJmbG93'), 'the password is not shown');
  assert.equal(withCreds.requests.filter((r) => r.headers.authorization).length, 1);
});
