import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import type { Finding } from '../../src/core/types.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'deps');

async function scan(dir: string, cwd = FIX): Promise<Finding[]> {
  const r = await scanPaths([dir], { cwd });
  assert.deepEqual(r.errors, [], 'no unreadable entries');
  return r.findings.filter((f) => f.ruleId.startsWith('deps/'));
}

/** `rule path:line package` lines, sorted, for compact assertions. */
function summary(fs: Finding[]): string[] {
  return fs.map((f) => `${f.ruleId} ${f.location.path}${f.location.innerPath ? `!${f.location.innerPath}` : ''}:${f.location.line} ${(f.properties?.package as string) ?? f.properties?.option ?? ''}`).sort();
}

test('flags vulnerable pins in requirements files with the exact line, ids, fix and CVSS severity', async () => {
  const fs = await scan('vulnerable');
  assert.deepEqual(summary(fs), [
    'deps/extra-index-url vulnerable/requirements.txt:3 --extra-index-url',
    'deps/unpinned-ml-dependency vulnerable/requirements.txt:8 transformers',
    'deps/vulnerable-package vulnerable/requirements.txt:5 mlflow',
    'deps/vulnerable-package vulnerable/requirements.txt:7 torch',
    'deps/vulnerable-package vulnerable/requirements.txt:9 gradio',
    'deps/vulnerable-package vulnerable/requirements/base.txt:1 numpy',
    'deps/vulnerable-package vulnerable/requirements/base.txt:2 pillow',
  ]);
  const mlflow = fs.find((f) => f.properties?.package === 'mlflow')!;
  assert.equal(mlflow.severity, 'critical');
  assert.equal(mlflow.properties?.fixedVersion, '2.10.1');
  assert.match(mlflow.message, /CVE-2023-6831/);
  assert.match(mlflow.message, /upgrade to 2\.10\.1 or later/);
  assert.match(String(mlflow.properties?.advisoryDatabase), /^\d{4}-\d{2}-\d{2} \(bundled snapshot\)$/);
  const torch = fs.find((f) => f.properties?.package === 'torch')!;
  assert.equal(torch.properties?.version, '2.1.0+cu121');
  assert.ok((torch.properties?.advisories as Array<{ aliases: string[] }>).some((a) => a.aliases.includes('CVE-2025-32434')));
  assert.equal(torch.properties?.fixedVersion, '2.6.0');
});

test('reports nothing for patched, pinned requirements (hard negative)', async () => {
  assert.deepEqual(summary(await scan('safe')), []);
});

test('reads poetry.lock (locked versions) and stays quiet on a manifest that has a lock', async () => {
  assert.deepEqual(summary(await scan('poetry')), [
    'deps/vulnerable-package poetry/poetry.lock:4 mlflow',
    'deps/vulnerable-package poetry/poetry.lock:21 ray',
    'deps/vulnerable-package poetry/poetry.lock:37 torch',
    'deps/vulnerable-package poetry/pyproject.toml:8 torch',
    'deps/vulnerable-package poetry/pyproject.toml:10 ray',
  ].sort());
});

test('reads uv.lock and PEP 621 pyproject dependencies', async () => {
  const fs = await scan('uv');
  assert.deepEqual(summary(fs), [
    'deps/vulnerable-package uv/pyproject.toml:6 langchain-core',
    'deps/vulnerable-package uv/pyproject.toml:8 vllm',
    'deps/vulnerable-package uv/pyproject.toml:12 jupyterlab',
    'deps/vulnerable-package uv/uv.lock:5 langchain-core',
    'deps/vulnerable-package uv/uv.lock:14 llama-cpp-python',
    'deps/vulnerable-package uv/uv.lock:28 vllm',
  ].sort());
  const llama = fs.find((f) => f.properties?.package === 'llama-cpp-python')!;
  assert.equal(llama.severity, 'critical');
  assert.match(llama.message, /CVE-2024-34359/);
});

test('reads Pipfile.lock, pdm.lock, conda environments (with the pip list) and setup.cfg', async () => {
  assert.deepEqual(summary(await scan('pipenv')), [
    'deps/vulnerable-package pipenv/Pipfile.lock:19 bentoml',
    'deps/vulnerable-package pipenv/Pipfile.lock:26 scikit-learn',
    'deps/vulnerable-package pipenv/Pipfile.lock:32 ipython',
  ]);
  assert.deepEqual(summary(await scan('pdm')), ['deps/vulnerable-package pdm/pdm.lock:11 joblib', 'deps/vulnerable-package pdm/pdm.lock:21 streamlit']);
  assert.deepEqual(summary(await scan('conda')), [
    'deps/extra-index-url conda/environment.yml:12 --extra-index-url',
    'deps/vulnerable-package conda/environment.yml:13 onnx',
    'deps/vulnerable-package conda/environment.yml:7 torch',
  ]);
  assert.deepEqual(summary(await scan('setuptools')), [
    'deps/unpinned-ml-dependency setuptools/setup.cfg:7 dask',
    'deps/vulnerable-package setuptools/setup.cfg:13 notebook',
    'deps/vulnerable-package setuptools/setup.cfg:8 distributed',
    'deps/vulnerable-package setuptools/setup.cfg:9 apache-airflow',
  ]);
});

test('flags installed packages from dist-info and egg-info metadata, and inventories them', async () => {
  const r = await scanPaths(['site-packages'], { cwd: FIX });
  assert.deepEqual(summary(r.findings), [
    'deps/vulnerable-package site-packages/mlflow-2.9.1.dist-info/METADATA:3 mlflow',
    'deps/vulnerable-package site-packages/numpy-1.16.2.egg-info/PKG-INFO:3 numpy',
  ]);
  const inv = r.inventory.filter((i) => i.kind === 'package').map((i) => `${i.name}@${i.version}`).sort();
  assert.deepEqual(inv, ['mlflow@2.9.1', 'numpy@1.16.2', 'torch@2.6.0']);
});

test('flags vulnerable ML server image tags in manifests, compose, Helm values and Dockerfiles', async () => {
  const fs = await scan('images');
  const images = fs.filter((f) => f.ruleId === 'deps/vulnerable-image').map((f) => `${f.location.path}:${f.location.line} ${f.properties?.image}`).sort();
  assert.deepEqual(images, [
    'images/Dockerfile:2 ghcr.io/mlflow/mlflow:v2.9.1',
    'images/deployment.yaml:10 ollama/ollama:0.1.33',
    'images/deployment.yaml:12 nvcr.io/nvidia/tritonserver:23.10-py3',
    'images/deployment.yaml:14 docker.io/pytorch/torchserve:0.8.1-gpu',
    'images/docker-compose.yml:3 ghcr.io/mlflow/mlflow:v2.9.1',
    'images/docker-compose.yml:6 rayproject/ray:2.8.0-py310-gpu',
    'images/values.yaml:5 nvcr.io/nvidia/k8s/container-toolkit:v1.16.1-ubuntu20.04',
  ]);
  const ollama = fs.find((f) => f.properties?.image === 'ollama/ollama:0.1.33')!;
  assert.match(ollama.message, /CVE-2024-37032/);
  assert.equal(ollama.properties?.ecosystem, 'Go');
  const toolkit = fs.find((f) => String(f.properties?.image).includes('container-toolkit'))!;
  assert.equal(toolkit.severity, 'critical');
  assert.match(toolkit.message, /CVE-2024-0132/);
  // Dockerfile RUN pip install lines are requirements too.
  const pip = fs.filter((f) => f.location.path === 'images/Dockerfile' && f.ruleId !== 'deps/vulnerable-image').map((f) => `${f.ruleId} ${f.properties?.package}`).sort();
  assert.deepEqual(pip, ['deps/unpinned-ml-dependency transformers', 'deps/vulnerable-package torch']);
});

test('finds installed packages inside an image layer tar (archive members are ordinary entries)', async () => {
  const meta = Buffer.from('Metadata-Version: 2.1\nName: ray\nVersion: 2.8.0\n\n');
  const t = tmpTree({ 'layer.tar': ustar({ 'usr/lib/python3.10/site-packages/ray-2.8.0.dist-info/METADATA': meta }) });
  try {
    const r = await scanPaths(['layer.tar'], { cwd: t.dir });
    const f = r.findings.filter((x) => x.ruleId === 'deps/vulnerable-package');
    assert.equal(f.length, 1);
    assert.equal(f[0].location.path, 'layer.tar');
    assert.equal(f[0].location.innerPath, 'usr/lib/python3.10/site-packages/ray-2.8.0.dist-info/METADATA');
    assert.match(f[0].message, /CVE-2023-48022/);
  } finally {
    t.cleanup();
  }
});

test('does not call a pinned manifest unpinned, nor an unpinned one with a lock beside it', async () => {
  const t = tmpTree({
    'a/requirements.txt': 'torch>=2.6\nrequests\n',
    'a/requirements.lock': '',
    'b/pyproject.toml': '[project]\nname = "x"\nversion = "1"\ndependencies = ["torch==2.6.0", "requests"]\n',
  });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    assert.deepEqual(r.findings.filter((f) => f.ruleId.startsWith('deps/')), []);
  } finally {
    t.cleanup();
  }
});

test('keeps credentials in index URLs out of messages and evidence', async () => {
  const t = tmpTree({ 'requirements.txt': '--extra-index-url https://ci-bot:s3cr3t-token@pkgs.example.com/simple\n-i http://mirror.example.com/simple\n' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir });
    const fs = r.findings.filter((f) => f.ruleId === 'deps/extra-index-url');
    assert.equal(fs.length, 2);
    for (const f of fs) assert.ok(!JSON.stringify(f).includes('s3cr3t'), 'token not shown');
    assert.match(fs.find((f) => f.location.line === 2)!.message, /plain http/);
  } finally {
    t.cleanup();
  }
});

/** A minimal ustar archive (regular files only). */
function ustar(files: Record<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, data] of Object.entries(files)) {
    const h = Buffer.alloc(512);
    const [prefix, base] = name.length > 100 ? [name.slice(0, name.lastIndexOf('/', 155)), name.slice(name.lastIndexOf('/', 155) + 1)] : ['', name];
    h.write(base, 0);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    h.write(prefix, 345);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    parts.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

test('an advisory the vendor disputes, with no fixed release, is not a critical version finding (ShadowRay on the newest Ray)', async () => {
  // Ray 2.56.0: only CVE-2023-48022 (disputed, every release) matches; Ray 2.9.0 also has a fixed, rated CVE.
  const t = tmpTree({ 'requirements.txt': 'ray==2.56.0\n', 'old/requirements.txt': 'ray==2.9.0\n' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, context: 'production' });
    const newest = r.findings.find((f) => f.ruleId === 'deps/vulnerable-package' && f.location.path === 'requirements.txt');
    const old = r.findings.find((f) => f.ruleId === 'deps/vulnerable-package' && f.location.path === 'old/requirements.txt');
    assert.ok(newest && old);
    assert.equal(newest.severity, 'low');
    assert.match(newest.message, /CVE-2023-48022 disputed by the vendor/);
    const advisories = newest.properties?.advisories as Array<{ id: string; severity: string; disputed?: boolean }>;
    assert.deepEqual(advisories.map((a) => [a.id, a.severity, a.disputed]), [['CVE-2023-48022', 'critical', true]]);
    // The other advisory decides the older version's severity; ShadowRay no longer does.
    assert.notEqual(old.severity, 'critical');
    assert.notEqual(old.severity, 'low');
    assert.match(old.message, /upgrade to/);
  } finally {
    t.cleanup();
  }
});

test('a Windows-only advisory is no version finding in a Linux image and at most medium where the host is unknown', async () => {
  // jupyter-server 2.14.0: only CVE-2024-35178 (NTLMv2 hash leak on Windows, rated high) matches.
  const t = tmpTree({ 'requirements.txt': 'jupyter-server==2.14.0\n', 'Dockerfile': 'FROM python:3.12-slim\nRUN pip install jupyter-server==2.14.0\n' });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, context: 'production' });
    const at = (path: string) => r.findings.find((f) => f.ruleId === 'deps/vulnerable-package' && f.location.path === path);
    assert.equal(at('requirements.txt')?.severity, 'medium');
    assert.match(at('requirements.txt')!.message, /CVE-2024-35178 affects Windows only\)/);
    assert.equal(at('Dockerfile')?.severity, 'info');
    assert.match(at('Dockerfile')!.message, /affects Windows only: not this Linux image/);
    const adv = at('Dockerfile')!.properties?.advisories as Array<{ id: string; severity: string; platforms?: string[] }>;
    assert.deepEqual(adv.map((a) => [a.id, a.severity, a.platforms]), [['CVE-2024-35178', 'high', ['windows']]]);
  } finally {
    t.cleanup();
  }
});
