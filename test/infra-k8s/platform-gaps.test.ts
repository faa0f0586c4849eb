import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { judgeInvocation } from '../../src/rules/platform/site-rules.js';
import { FIXTURES } from './helpers.js';

// MLflow artifact proxy, Jupyter / Gradio on all interfaces, Kubeflow Pipelines single-user mode and
// custom visualizations: exact lines, severity by exposure (joined across files), secure variants.
const RULES = [
  'platform/mlflow-artifact-proxy-no-auth', 'platform/mlflow-no-auth', 'platform/jupyter-all-interfaces', 'platform/jupyter-no-auth',
  'platform/gradio-all-interfaces', 'platform/kfp-single-user', 'platform/kfp-custom-visualizations',
];

async function found(files: string[], rules = RULES): Promise<string[]> {
  const r = await scanPaths(files, { cwd: FIXTURES, gitignore: false });
  return r.findings.filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.location.path}:${f.location.line} ${f.severity}`).sort();
}

test('MLflow: the artifact proxy to S3 without the auth app is critical behind a LoadBalancer in another file; --artifacts-only (env) replaces the tracking-server finding', async () => {
  assert.deepEqual(await found(['platform/mlflow-artifacts.yaml', 'platform/mlflow-artifacts-services.yaml']), [
    'platform/mlflow-artifact-proxy-no-auth platform/mlflow-artifacts.yaml:23 critical',
    'platform/mlflow-artifact-proxy-no-auth platform/mlflow-artifacts.yaml:45 medium',
    'platform/mlflow-no-auth platform/mlflow-artifacts.yaml:18 critical',
  ]);
});

test('MLflow: without the Services the artifact proxy findings follow the pod network (medium)', async () => {
  assert.deepEqual(await found(['platform/mlflow-artifacts.yaml'], ['platform/mlflow-artifact-proxy-no-auth']), [
    'platform/mlflow-artifact-proxy-no-auth platform/mlflow-artifacts.yaml:23 medium',
    'platform/mlflow-artifact-proxy-no-auth platform/mlflow-artifacts.yaml:45 medium',
  ]);
});

test('MLflow secure variants (basic-auth, loopback, --no-serve-artifacts, MLFLOW_SERVE_ARTIFACTS=false, default destination) have no artifact-proxy finding', async () => {
  assert.deepEqual(await found(['platform/secure/mlflow-artifacts.yaml'], ['platform/mlflow-artifact-proxy-no-auth']), []);
  // Those without the auth app on 0.0.0.0 are still the tracking server without authentication.
  assert.deepEqual(await found(['platform/secure/mlflow-artifacts.yaml'], ['platform/mlflow-no-auth']), [
    'platform/mlflow-no-auth platform/secure/mlflow-artifacts.yaml:31 medium',
    'platform/mlflow-no-auth platform/secure/mlflow-artifacts.yaml:34 medium',
    'platform/mlflow-no-auth platform/secure/mlflow-artifacts.yaml:40 medium',
  ]);
});

test('MLflow artifact serving: the flag wins over the env, --serve-artifacts re-enables, a local destination is still the proxy', () => {
  const rules = (argv: string[], env: Record<string, string> = {}) => judgeInvocation({ argv, env }).issues.map((i) => i.rule).filter((r) => r.startsWith('platform/mlflow-')).sort();
  const base = ['mlflow', 'server', '--host', '0.0.0.0', '--artifacts-destination', '/mnt/artifacts'];
  assert.deepEqual(rules(base), ['platform/mlflow-artifact-proxy-no-auth', 'platform/mlflow-no-auth']);
  assert.deepEqual(rules([...base, '--serve-artifacts'], { MLFLOW_SERVE_ARTIFACTS: 'false' }), ['platform/mlflow-artifact-proxy-no-auth', 'platform/mlflow-no-auth']);
  assert.deepEqual(rules([...base, '--no-serve-artifacts']), ['platform/mlflow-no-auth']);
  assert.deepEqual(rules(['mlflow', 'server', '--host', '0.0.0.0', '--artifacts-only']), ['platform/mlflow-artifact-proxy-no-auth']);
  assert.deepEqual(rules(['mlflow', 'server', '--host', '0.0.0.0'], { MLFLOW_ARTIFACTS_ONLY: 'false' }), ['platform/mlflow-no-auth']);
  assert.deepEqual(rules([...base, '--app-name', 'basic-auth']), []);
  const msg = judgeInvocation({ argv: ['mlflow', 'server', '--host', '0.0.0.0', '--artifacts-destination', 'gs://b/p'] }).issues.find((i) => i.rule === 'platform/mlflow-artifact-proxy-no-auth')!.message;
  assert.match(msg, /server's own GCS credentials/);
});

test('Jupyter on all interfaces: compose published port and a JSON config are reported (low); an empty token is left to jupyter-no-auth', async () => {
  assert.deepEqual(await found(['compose/notebooks-compose.yml', 'platform/jupyter_notebook_config.json', 'platform/jupyter_server_config.py'], ['platform/jupyter-all-interfaces', 'platform/jupyter-no-auth']), [
    'platform/jupyter-all-interfaces compose/notebooks-compose.yml:5 low',
    'platform/jupyter-all-interfaces platform/jupyter_notebook_config.json:3 low',
    'platform/jupyter-no-auth platform/jupyter_server_config.py:4 high',
  ]);
});

test('Jupyter / Gradio secure variants (loopback publish, compose network only, 127.0.0.1 in config) fire nothing', async () => {
  assert.deepEqual(await found(['compose/notebooks-compose.secure.yml', 'platform/secure/jupyter_notebook_config.json']), []);
});

test('Jupyter listen address: --ip / --ServerApp.ip / --NotebookApp.ip with 0.0.0.0, *, ::; a pod only on the cluster network is not reported', async () => {
  const rules = (argv: string[]) => judgeInvocation({ argv }).issues.map((i) => i.rule).filter((r) => r === 'platform/jupyter-all-interfaces');
  assert.deepEqual(rules(['jupyter', 'lab', '--ip=0.0.0.0']), ['platform/jupyter-all-interfaces']);
  assert.deepEqual(rules(['jupyter', 'lab', '--ServerApp.ip', '*']), ['platform/jupyter-all-interfaces']);
  assert.deepEqual(rules(['jupyter', 'notebook', '--NotebookApp.ip=::']), ['platform/jupyter-all-interfaces']);
  assert.deepEqual(rules(['jupyter', 'lab', '--ip=10.0.0.5']), []);
  assert.deepEqual(rules(['jupyter', 'lab', '--ip=']), ['platform/jupyter-all-interfaces'], "'' binds every interface ('*' is turned into '')");
  assert.deepEqual(judgeInvocation({ service: 'jupyter', config: { 'ServerApp.ip': '' } }).issues.map((i) => i.rule), ['platform/jupyter-all-interfaces']);
  assert.deepEqual(judgeInvocation({ service: 'jupyter', config: { 'ServerApp.ip': 'localhost' } }).issues.map((i) => i.rule), []);
  assert.deepEqual(rules(['jupyter', 'lab', '--ip=0.0.0.0', '--ServerApp.token=', '--ServerApp.password=']), [], 'no token: jupyter-no-auth');
  assert.deepEqual(rules(['jupyter', 'lab', '--ip=0.0.0.0', '--ServerApp.token=', '--ServerApp.password=sha1:abc']), ['platform/jupyter-all-interfaces'], 'password set: the token is not the question');
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: nb}\nspec:\n  containers:\n    - name: nb\n      image: quay.io/jupyter/base-notebook:2024-10-07\n      args: ["start-notebook.py", "--ip=0.0.0.0"]\n';
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'mlw-jup-'));
  try {
    await writeFile(join(dir, 'nb.yaml'), pod);
    const r = await scanPaths(['nb.yaml'], { cwd: dir, gitignore: false });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'platform/jupyter-all-interfaces'), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Gradio: GRADIO_SERVER_NAME=0.0.0.0 on a published compose port is reported at the env line', async () => {
  assert.deepEqual(await found(['compose/notebooks-compose.yml'], ['platform/gradio-all-interfaces']), ['platform/gradio-all-interfaces compose/notebooks-compose.yml:11 medium']);
  // The exposure finding does not claim a login it cannot see.
  const r = await scanPaths(['compose/notebooks-compose.yml'], { cwd: FIXTURES, gitignore: false });
  const exposed = r.findings.find((f) => f.ruleId === 'platform/ml-api-exposed' && f.location.line === 14)!;
  assert.match(exposed.message, /Gradio login, if any, is set in the application code/);
  assert.doesNotMatch(exposed.message, /authentication configured/);
});

test('Kubeflow Pipelines: single-user API server exposed by a LoadBalancer in another file is critical, MULTIUSER=false in-cluster medium; custom visualizations medium', async () => {
  assert.deepEqual(await found(['platform/kfp.yaml', 'platform/kfp-services.yaml']), [
    'platform/kfp-custom-visualizations platform/kfp.yaml:44 medium',
    'platform/kfp-single-user platform/kfp.yaml:16 critical',
    'platform/kfp-single-user platform/kfp.yaml:68 medium',
  ]);
});

test('Kubeflow Pipelines secure variants (multi-user via envFrom ConfigMap, overlay header, custom visualizations off) fire nothing', async () => {
  assert.deepEqual(await found(['platform/secure/kfp.yaml']), []);
});

// OpenShift Routes and Gateway API HTTPRoutes are routes into the cluster like an Ingress: a ClusterIP
// Service they reach is exposed outside, in the same file or another one.
const kfpApi = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ml-pipeline
  namespace: kubeflow
spec:
  selector:
    matchLabels: {app: ml-pipeline}
  template:
    metadata:
      labels: {app: ml-pipeline}
    spec:
      containers:
        - name: ml-pipeline-api-server
          image: ghcr.io/kubeflow/kfp-api-server:2.3.0
          ports:
            - {name: http, containerPort: 8888}
---
apiVersion: v1
kind: Service
metadata:
  name: ml-pipeline
  namespace: kubeflow
spec:
  selector: {app: ml-pipeline}
  ports:
    - {name: http, port: 8888, targetPort: http}
`; // the container on line 14.
const openshiftRoute = (apiVersion = 'route.openshift.io/v1', tls = '') => `apiVersion: ${apiVersion}
kind: Route
metadata:
  name: pipelines
  namespace: kubeflow
spec:
  host: pipelines.apps.example.com
  to:
    kind: Service
    name: ml-pipeline
${tls}`;
const httpRoute = (backend = '    - backendRefs:\n        - name: ml-pipeline\n          port: 8888\n') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: pipelines
  namespace: kubeflow
spec:
  parentRefs:
    - name: public-gateway
      namespace: gateways
  rules:
${backend}`;

async function routed(files: Record<string, string>): Promise<string[]> {
  const { tmpTree } = await import('../helpers/tmp.js');
  const t = tmpTree(files);
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    return r.findings.filter((f) => f.ruleId === 'platform/kfp-single-user' || f.ruleId === 'platform/ml-api-exposed').map((f) => `${f.ruleId} ${f.location.path}:${f.location.line} ${f.severity} ${f.ruleId === 'platform/ml-api-exposed' ? f.evidence : ''}`.trim()).sort();
  } finally {
    t.cleanup();
  }
}

test('an OpenShift Route in another file exposes the ClusterIP Service: critical, reported at the Route backend', async () => {
  assert.deepEqual(await routed({ 'kfp.yaml': kfpApi, 'route.yaml': openshiftRoute() }), [
    'platform/kfp-single-user kfp.yaml:14 critical',
    'platform/ml-api-exposed route.yaml:8 critical Route pipelines → Service ml-pipeline (no TLS)',
  ]);
});

test('an OpenShift Route in the same file counts too (with TLS: no "(no TLS)")', async () => {
  assert.deepEqual(await routed({ 'kfp.yaml': `${kfpApi}---\n${openshiftRoute('route.openshift.io/v1', '  tls:\n    termination: edge\n')}` }), [
    'platform/kfp-single-user kfp.yaml:14 critical',
    'platform/ml-api-exposed kfp.yaml:36 critical Route pipelines → Service ml-pipeline',
  ]);
});

test('a Gateway API HTTPRoute backendRef exposes the Service; a Knative Route, another backend kind or another namespace does not', async () => {
  assert.deepEqual(await routed({ 'kfp.yaml': kfpApi, 'route.yaml': httpRoute() }), [
    'platform/kfp-single-user kfp.yaml:14 critical',
    'platform/ml-api-exposed route.yaml:12 critical HTTPRoute pipelines → Service ml-pipeline',
  ]);
  const inCluster = ['platform/kfp-single-user kfp.yaml:14 medium'];
  assert.deepEqual(await routed({ 'kfp.yaml': kfpApi, 'route.yaml': openshiftRoute('serving.knative.dev/v1') }), inCluster);
  assert.deepEqual(await routed({ 'kfp.yaml': kfpApi, 'route.yaml': httpRoute('    - backendRefs:\n        - name: ml-pipeline\n          kind: ServiceImport\n          group: multicluster.x-k8s.io\n') }), inCluster);
  assert.deepEqual(await routed({ 'kfp.yaml': kfpApi, 'route.yaml': httpRoute('    - backendRefs:\n        - name: ml-pipeline\n          namespace: other\n') }), inCluster);
});

test('Dockerfiles: ENV GRADIO_SERVER_NAME=0.0.0.0 and CMD jupyter --ip=0.0.0.0 are reported at their lines (deployment unknown); loopback is not', async () => {
  const { tmpTree } = await import('../helpers/tmp.js');
  const t = tmpTree({
    'gradio/Dockerfile': 'FROM python:3.11-slim\nENV GRADIO_SERVER_NAME="0.0.0.0"\nCMD ["python", "app.py"]\n',
    'lab/Dockerfile': 'FROM quay.io/jupyter/base-notebook:2024-10-07\nCMD ["start-notebook.py", "--ip=0.0.0.0"]\n',
    'local/Dockerfile': 'FROM python:3.11-slim\nENV GRADIO_SERVER_NAME=127.0.0.1\nCMD ["jupyter", "lab", "--ip=127.0.0.1"]\n',
  });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    const got = r.findings.filter((f) => f.ruleId === 'platform/gradio-all-interfaces' || f.ruleId === 'platform/jupyter-all-interfaces').map((f) => `${f.ruleId} ${f.location.path}:${f.location.line} ${f.severity}`).sort();
    assert.deepEqual(got, ['platform/gradio-all-interfaces gradio/Dockerfile:2 medium', 'platform/jupyter-all-interfaces lab/Dockerfile:2 low']);
  } finally {
    t.cleanup();
  }
});
