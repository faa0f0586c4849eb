import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';

// Missing-authentication rules join Services / Ingresses from any file to the workloads they expose:
// an unauthenticated ML API behind a LoadBalancer in another file is critical, the same API behind a
// ClusterIP Service only is medium, whatever the file and document order.
async function findings(files: Record<string, string>, rule: string): Promise<string[]> {
  const t = tmpTree(files);
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    return r.findings.filter((f) => f.ruleId === rule).map((f) => `${f.location.path}:${f.location.line} ${f.severity}`).sort();
  } finally {
    t.cleanup();
  }
}

const mlflow = (args = '"--host", "0.0.0.0", "--port", "5000"', ns = '  namespace: serving\n') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mlflow
${ns}spec:
  selector:
    matchLabels: {app: mlflow}
  template:
    metadata:
      labels: {app: mlflow, tier: tracking}
    spec:
      containers:
        - name: mlflow
          image: ghcr.io/mlflow/mlflow:v2.9.2
          command: ["mlflow", "server", ${args}]
          ports:
            - {containerPort: 5000, name: http}
`; // command on line 16 (with a namespace).
const service = (type: string, opts: { namespace?: string; app?: string; targetPort?: string; name?: string } = {}) => `apiVersion: v1
kind: Service
metadata:
  name: ${opts.name ?? 'mlflow'}
  namespace: ${opts.namespace ?? 'serving'}
spec:
  type: ${type}
  selector: {app: ${opts.app ?? 'mlflow'}}
  ports:
    - {port: 80, targetPort: ${opts.targetPort ?? 'http'}}
`;
const ingress = (svc = 'mlflow') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: tracking
  namespace: serving
spec:
  tls: [{hosts: [mlflow.example.com], secretName: tls}]
  rules:
    - host: mlflow.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: ${svc}, port: {number: 80}}
`;
const NOAUTH = 'platform/mlflow-no-auth';

test('an unauthenticated workload in one file and a LoadBalancer Service in another is critical', async () => {
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('LoadBalancer') }, NOAUTH), ['deploy.yaml:16 critical']);
});

test('NodePort and externalIPs Services in another file are outside too', async () => {
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('NodePort') }, NOAUTH), ['deploy.yaml:16 critical']);
  const ext = service('ClusterIP').replace('  ports:', '  externalIPs: [203.0.113.7]\n  ports:');
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': ext }, NOAUTH), ['deploy.yaml:16 critical']);
});

test('the same workload behind a ClusterIP Service only is lower (medium)', async () => {
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('ClusterIP') }, NOAUTH), ['deploy.yaml:16 medium']);
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow() }, NOAUTH), ['deploy.yaml:16 medium']);
});

test('the join does not depend on file order or document order', async () => {
  const want = ['z-deploy.yaml:16 critical'];
  assert.deepEqual(await findings({ 'z-deploy.yaml': mlflow(), 'a-svc.yaml': service('LoadBalancer') }, NOAUTH), want);
  assert.deepEqual(await findings({ 'a/z-deploy.yaml': mlflow(), 'z/a-svc.yaml': service('LoadBalancer') }, NOAUTH), ['a/z-deploy.yaml:16 critical']);
  // Service before the workload in one stream, with an unrelated ClusterIP Service in a third file.
  assert.deepEqual(await findings({ 'all.yaml': `${service('LoadBalancer')}---\n${mlflow()}`, 'other.yaml': service('ClusterIP', { name: 'mlflow-internal' }) }, NOAUTH), ['all.yaml:27 critical']);
});

test('targetPort matches by container port number as well as by name', async () => {
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('LoadBalancer', { targetPort: '5000' }) }, NOAUTH), ['deploy.yaml:16 critical']);
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('LoadBalancer', { targetPort: '9090' }) }, NOAUTH), ['deploy.yaml:16 medium']);
});

test('an Ingress in a third file routing to a ClusterIP Service makes it critical', async () => {
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('ClusterIP'), 'ing.yaml': ingress() }, NOAUTH), ['deploy.yaml:16 critical']);
  // An Ingress to another Service does not.
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('ClusterIP'), 'ing.yaml': ingress('web') }, NOAUTH), ['deploy.yaml:16 medium']);
});

test('hard negatives: another namespace or another selector do not expose the workload', async () => {
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('LoadBalancer', { namespace: 'web' }) }, NOAUTH), ['deploy.yaml:16 medium']);
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow(), 'svc.yaml': service('LoadBalancer', { app: 'web' }) }, NOAUTH), ['deploy.yaml:16 medium']);
});

test('the secured variant (basic-auth app) has no finding even behind a LoadBalancer in another file', async () => {
  assert.deepEqual(await findings({ 'deploy.yaml': mlflow('"--host", "0.0.0.0", "--app-name", "basic-auth"'), 'svc.yaml': service('LoadBalancer') }, NOAUTH), []);
});

test('a Kustomize namespace resolves the workload side of the join', async () => {
  const files = {
    'overlays/prod/kustomization.yaml': 'namespace: serving\nresources: [deploy.yaml]\n',
    'overlays/prod/deploy.yaml': mlflow(undefined, ''),
    'svc.yaml': service('LoadBalancer'),
  };
  assert.deepEqual(await findings(files, NOAUTH), ['overlays/prod/deploy.yaml:15 critical']);
});

const vllm = (extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: llm
spec:
  template:
    metadata:
      labels: {app: llm}
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.6.3
          args: ["--model", "meta-llama/Llama-3.1-8B-Instruct"${extra}]
`; // namespace default; args at line 13.

test('vLLM without an API key: critical behind a LoadBalancer elsewhere, medium on ClusterIP, nothing with a key', async () => {
  const lb = service('LoadBalancer', { namespace: 'default', app: 'llm', name: 'llm', targetPort: '8000' });
  assert.deepEqual(await findings({ 'llm.yaml': vllm(), 'svc.yaml': lb }, 'platform/vllm-no-api-key'), ['llm.yaml:13 critical']);
  assert.deepEqual(await findings({ 'llm.yaml': vllm(), 'svc.yaml': lb.replace('LoadBalancer', 'ClusterIP') }, 'platform/vllm-no-api-key'), ['llm.yaml:13 medium']);
  assert.deepEqual(await findings({ 'llm.yaml': vllm(', "--api-key", "$(VLLM_KEY)"'), 'svc.yaml': lb }, 'platform/vllm-no-api-key'), []);
});

const ollama = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ollama
spec:
  template:
    metadata:
      labels: {app: ollama}
    spec:
      containers:
        - name: ollama
          image: ollama/ollama:0.3.12
          env:
            - {name: OLLAMA_HOST, value: "0.0.0.0"}
`; // OLLAMA_HOST value on line 14.

test('a listen-all setting is reported only once a Service in another file makes the network reachable', async () => {
  const rule = 'platform/ollama-all-interfaces';
  const svc = (type: string) => service(type, { namespace: 'default', app: 'ollama', name: 'ollama', targetPort: '11434' });
  assert.deepEqual(await findings({ 'ollama.yaml': ollama }, rule), []);
  assert.deepEqual(await findings({ 'ollama.yaml': ollama, 'svc.yaml': svc('ClusterIP') }, rule), []);
  assert.deepEqual(await findings({ 'ollama.yaml': ollama, 'svc.yaml': svc('LoadBalancer') }, rule), ['ollama.yaml:14 critical']);
});

test('the message names the Service in the other file that exposes the workload', async () => {
  const t = tmpTree({ 'deploy.yaml': mlflow(), 'svc.yaml': service('LoadBalancer') });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    const f = r.findings.find((x) => x.ruleId === NOAUTH)!;
    assert.match(f.message, /reachable: Service mlflow \(LoadBalancer\) in svc\.yaml$/);
    assert.equal(f.properties?.exposure, 'external');
  } finally {
    t.cleanup();
  }
});

const rayCluster = `apiVersion: ray.io/v1
kind: RayCluster
metadata:
  name: rc
  namespace: ml
spec:
  headGroupSpec:
    rayStartParams:
      dashboard-host: 0.0.0.0
    template:
      spec:
        containers:
          - name: ray-head
            image: rayproject/ray:2.40.0
`; // dashboard-host on line 9, the head's first container (where a missing setting is reported) on line 13.
const raySvc = (selector: string) => `apiVersion: v1
kind: Service
metadata:
  name: ray-dashboard
  namespace: ml
spec:
  type: LoadBalancer
  selector: {${selector}}
  ports:
    - {port: 80, targetPort: 8265}
`;

test('a Service selecting the labels KubeRay puts on head pods (ray.io/cluster, ray.io/node-type) exposes the RayCluster', async () => {
  const files = { 'ray.yaml': rayCluster, 'svc.yaml': raySvc('ray.io/cluster: rc, ray.io/node-type: head') };
  assert.deepEqual(await findings(files, 'platform/ray-dashboard-all-interfaces'), ['ray.yaml:9 critical']);
  assert.deepEqual(await findings(files, 'platform/ray-token-auth-off'), ['ray.yaml:8 critical']);
  // Another cluster's head, or the worker pods, are not this head.
  assert.deepEqual(await findings({ 'ray.yaml': rayCluster, 'svc.yaml': raySvc('ray.io/cluster: other, ray.io/node-type: head') }, 'platform/ray-dashboard-all-interfaces'), []);
  assert.deepEqual(await findings({ 'ray.yaml': rayCluster, 'svc.yaml': raySvc('ray.io/cluster: rc, ray.io/node-type: worker') }, 'platform/ray-token-auth-off'), ['ray.yaml:8 medium']);
});

test('a Service selecting the Kubeflow notebook-name label exposes the Notebook', async () => {
  const nb = `apiVersion: kubeflow.org/v1
kind: Notebook
metadata:
  name: explore
  namespace: research
spec:
  template:
    spec:
      containers:
        - name: notebook
          image: quay.io/jupyter/pytorch-notebook:2024-05-27
          args: ["start-notebook.py", "--ServerApp.token="]
`; // the token argument on line 12.
  const svc = `apiVersion: v1
kind: Service
metadata: {name: explore-public, namespace: research}
spec:
  type: NodePort
  selector: {notebook-name: explore}
  ports: [{port: 80, targetPort: 8888}]
`;
  assert.deepEqual(await findings({ 'nb.yaml': nb, 'svc.yaml': svc }, 'platform/jupyter-no-auth'), ['nb.yaml:12 critical']);
  assert.deepEqual(await findings({ 'nb.yaml': nb }, 'platform/jupyter-no-auth'), ['nb.yaml:12 medium']);
});

test('hostPort and hostNetwork count as outside, like a NodePort', async () => {
  const hp = mlflow().replace('{containerPort: 5000, name: http}', '{containerPort: 5000, name: http, hostPort: 5000}');
  assert.deepEqual(await findings({ 'deploy.yaml': hp }, NOAUTH), ['deploy.yaml:16 critical']);
  const hn = mlflow().replace('      containers:', '      hostNetwork: true\n      containers:');
  assert.deepEqual(await findings({ 'deploy.yaml': hn }, NOAUTH), ['deploy.yaml:17 critical']);
});

test('an inline mlwarden-ignore on the workload line suppresses the joined finding (it is reported scan-wide)', async () => {
  const marked = mlflow().replace('command: ["mlflow", "server",', '# mlwarden-ignore platform/mlflow-no-auth -- lab cluster, VPN only\n          command: ["mlflow", "server",');
  const t = tmpTree({ 'deploy.yaml': marked, 'svc.yaml': service('LoadBalancer') });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'platform/mlflow-no-auth'), []);
    const s = r.suppressed.filter((f) => f.ruleId === 'platform/mlflow-no-auth');
    assert.equal(s.length, 1);
    assert.equal(s[0].severity, 'critical');
    assert.deepEqual(s[0].suppression, { kind: 'inline', reason: 'lab cluster, VPN only' });
  } finally {
    t.cleanup();
  }
});
