import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { FIXTURES, scanFixture, lines } from './helpers.js';

// Every rule: a positive fixture (rule, file, exact lines) ...
const POSITIVES: Array<[string, string, number[]]> = [
  ['k8s/gpu-privileged-container', 'k8s/ray-gpu-privileged.yaml', [37]],
  ['k8s/gpu-host-namespaces', 'k8s/ray-gpu-privileged.yaml', [29]],
  ['k8s/gpu-host-device-mount', 'k8s/ray-gpu-privileged.yaml', [46]],
  ['k8s/gpu-request-without-limit', 'k8s/ray-gpu-privileged.yaml', [40]],
  ['k8s/secret-in-env', 'k8s/ray-gpu-privileged.yaml', [35]],
  ['k8s/sa-token-automount', 'k8s/ray-gpu-privileged.yaml', [15, 28]],
  ['k8s/gpu-env-device-bypass', 'k8s/gpu-visible-devices-all.yaml', [17, 19]],
  ['k8s/gpu-sharing-config', 'k8s/gpu-timeslicing.yaml', [21]],
  ['k8s/gpu-namespace-without-quota', 'k8s/pss-baseline.yaml', [50]],
  ['k8s/host-path-volume', 'k8s/pss-baseline.yaml', [34, 36]],
  ['k8s/dangerous-capabilities', 'k8s/pss-baseline.yaml', [28, 28]],
  ['k8s/proc-mount-unmasked', 'k8s/pss-baseline.yaml', [25]],
  ['k8s/unsafe-sysctls', 'k8s/pss-baseline.yaml', [19]],
  ['k8s/seccomp-profile', 'k8s/pss-baseline.yaml', [15, 45]],
  ['k8s/run-as-root', 'k8s/pss-baseline.yaml', [26, 47]],
  ['k8s/allow-privilege-escalation', 'k8s/pss-baseline.yaml', [22, 47]],
  ['k8s/capabilities-not-dropped', 'k8s/pss-baseline.yaml', [22, 47]],
  ['k8s/image-not-pinned', 'k8s/pss-baseline.yaml', [23, 48]],
  ['k8s/host-ports', 'k8s/pss-host-ports.yaml', [20, 26, 44]],
  ['k8s/apparmor-unconfined', 'k8s/pss-apparmor.yaml', [15, 21, 33]],
  ['k8s/selinux-options-unsafe', 'k8s/pss-selinux.yaml', [14, 25, 26]],
  ['k8s/privileged-container', 'k8s/helm-rendered.yaml', [14]],
  ['k8s/host-namespaces', 'k8s/helm-rendered.yaml', [25]],
  ['k8s/missing-network-policy', 'platform/serving.yaml', [10]],
  ['platform/mlflow-no-auth', 'platform/serving.yaml', [22]],
  ['platform/mlflow-cors-wildcard', 'platform/serving.yaml', [22]],
  ['platform/ml-api-exposed', 'platform/serving.yaml', [32, 91]],
  ['platform/jupyter-no-auth', 'platform/serving.yaml', [48]],
  ['platform/jupyter-cors-wildcard', 'platform/serving.yaml', [48]],
  ['platform/jupyter-allow-root', 'platform/serving.yaml', [48]],
  ['platform/jupyter-xsrf-disabled', 'platform/serving.yaml', [48]],
  ['platform/torchserve-management-exposed', 'platform/serving.yaml', [58, 59]],
  ['platform/torchserve-model-api-enabled', 'platform/serving.yaml', [60]],
  ['platform/torchserve-token-auth-disabled', 'platform/serving.yaml', [61, 83]],
  ['platform/torchserve-allowed-urls-broad', 'platform/serving.yaml', [62]],
  ['platform/triton-explicit-model-control', 'platform/serving.yaml', [77]],
  ['platform/gradio-share', 'platform/serving.yaml', [81]],
  ['platform/airflow-default-secret-key', 'platform/serving.yaml', [82]],
  ['platform/mlflow-default-admin-password', 'platform/basic_auth.ini', [5]],
  ['platform/airflow-empty-fernet-key', 'platform/airflow.cfg', [2]],
  ['platform/airflow-expose-config', 'platform/airflow.cfg', [6]],
  ['platform/airflow-open-auth-backend', 'platform/airflow.cfg', [9]],
  ['platform/ray-dashboard-all-interfaces', 'platform/ray-cluster.yaml', [5]],
  ['platform/ray-token-auth-off', 'k8s/ray-gpu-privileged.yaml', [12]],
  ['platform/vllm-no-api-key', 'compose/docker-compose.yml', [14]],
  ['platform/trust-remote-code', 'compose/docker-compose.yml', [14]],
  ['platform/ollama-all-interfaces', 'compose/docker-compose.yml', [27]],
  ['platform/ollama-origins-wildcard', 'compose/docker-compose.yml', [28]],
  ['platform/compose-privileged', 'compose/docker-compose.yml', [31]],
];

for (const [rule, file, want] of POSITIVES) {
  test(`${rule} fires in ${file} at lines ${want.join(', ')}`, async () => {
    assert.deepEqual(lines(await scanFixture(file), rule), want);
  });
}

// ... and hard negatives: the secure variant of each fixture fires nothing of its family.
const NEGATIVES: Array<[string, string]> = [
  ['k8s/secure-training.yaml', ''],
  ['k8s/secure/pss-host-ports.yaml', ''],
  ['k8s/secure/pss-apparmor.yaml', ''],
  ['k8s/secure/pss-selinux.yaml', ''],
  ['platform/secure/serving.yaml', 'platform/'],
  ['platform/secure/jupyter_server_config.py', ''],
  ['platform/secure/basic_auth.ini', ''],
  ['platform/secure/airflow.cfg', ''],
  ['compose/compose.secure.yml', ''],
];

for (const [file, prefix] of NEGATIVES) {
  test(`the secure variant ${file} has no ${prefix || 'k8s/platform'} findings`, async () => {
    const f = (await scanFixture(file, prefix)).filter((x) => x.ruleId.startsWith('k8s/') || x.ruleId.startsWith('platform/'));
    assert.deepEqual(f.map((x) => `${x.ruleId}:${x.location.line}`), []);
  });
}

test('NVIDIA GPU Operator components are not reported as privileged, but an impostor image is', async () => {
  const f = await scanFixture('k8s/gpu-operator.yaml');
  for (const r of ['k8s/privileged-container', 'k8s/host-path-volume', 'k8s/gpu-host-device-mount', 'k8s/host-namespaces', 'k8s/gpu-env-device-bypass', 'k8s/dangerous-capabilities']) {
    assert.deepEqual(lines(f, r), [], r);
  }
  assert.deepEqual(lines(f, 'k8s/gpu-privileged-container'), [57]);
});

test('NVIDIA GPU Operator components are exempt from host-port, AppArmor and SELinux rules, a look-alike image is not', async () => {
  const f = await scanFixture('k8s/gpu-operator-pss.yaml');
  assert.deepEqual(lines(f, 'k8s/host-ports'), [35]);
  assert.deepEqual(lines(f, 'k8s/selinux-options-unsafe'), [37]);
  assert.deepEqual(lines(f, 'k8s/apparmor-unconfined'), [38]);
});

test('PSS baseline host-port, AppArmor and SELinux findings are medium, distinct, and keep their fingerprints when lines move', async () => {
  const ids = ['k8s/host-ports', 'k8s/apparmor-unconfined', 'k8s/selinux-options-unsafe'];
  const files = ['k8s/pss-host-ports.yaml', 'k8s/pss-apparmor.yaml', 'k8s/pss-selinux.yaml'];
  const scan = async (cwd: string) => (await scanPaths(files, { cwd, gitignore: false })).findings.filter((x) => ids.includes(x.ruleId));
  const f = await scan(FIXTURES);
  assert.equal(f.length, 9);
  for (const x of f) assert.equal(x.severity, 'medium', x.ruleId);
  assert.equal(new Set(f.map((x) => x.fingerprint)).size, 9);
  // The same manifests with two lines inserted at the top: every line moves, no fingerprint changes.
  const dir = await mkdtemp(join(tmpdir(), 'mlwarden-pss-'));
  try {
    await mkdir(join(dir, 'k8s'));
    for (const rel of files) await writeFile(join(dir, rel), `# moved\n# down\n${await readFile(join(FIXTURES, rel), 'utf8')}`);
    const moved = await scan(dir);
    assert.deepEqual(moved.map((x) => x.location.line! - 2).sort(), f.map((x) => x.location.line!).sort());
    assert.deepEqual(moved.map((x) => x.fingerprint).sort(), f.map((x) => x.fingerprint).sort());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('severity follows exposure: unauthenticated and public is critical, in-cluster is lower', async () => {
  const f = await scanFixture('platform/serving.yaml');
  assert.equal(f.find((x) => x.ruleId === 'platform/mlflow-no-auth')!.severity, 'critical');
  assert.equal(f.find((x) => x.ruleId === 'platform/jupyter-no-auth')!.severity, 'medium');
  const c = await scanFixture('compose/docker-compose.yml');
  const airflow = c.find((x) => x.ruleId === 'platform/airflow-open-auth-backend')!;
  assert.equal(airflow.severity, 'low', 'published on 127.0.0.1 only');
});

test('secret values are masked in evidence and never in the message', async () => {
  const f = (await scanFixture('k8s/ray-gpu-privileged.yaml')).find((x) => x.ruleId === 'k8s/secret-in-env')!;
  assert.ok(!f.message.includes('hf_FAKE'));
  assert.ok(!f.evidence!.includes('hf_FAKEfakeFAKEfakeFAKEfakeFAKEfake00'));
});

test('compose merge keys: settings inherited from an x- anchor point at the anchor lines', async () => {
  const f = await scanFixture('compose/docker-compose.yml');
  assert.deepEqual(lines(f, 'platform/airflow-empty-fernet-key'), [6]);
  assert.deepEqual(lines(f, 'platform/airflow-expose-config'), [7]);
});
