import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import { buildZip } from '../helpers/zip-writer.js';

// Scan-wide namespace rules: workloads, quotas, policies and namespaces in separate files, as Helm /
// Kustomize trees and one-object-per-file repositories keep them.
const QUOTA = 'k8s/gpu-namespace-without-quota';
const NETPOL = 'k8s/missing-network-policy';

async function scanTree(files: Record<string, string | Buffer>, rule: string): Promise<string[]> {
  const t = tmpTree(files);
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    return r.findings.filter((f) => f.ruleId === rule).map((f) => `${f.location.path}${f.location.innerPath ? `!${f.location.innerPath}` : ''}:${f.location.line} ${f.message}`);
  } finally {
    t.cleanup();
  }
}

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const gpuJob = (name: string, namespace?: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  template:
    spec:
      containers:
        - name: train
          image: nvcr.io/nvidia/pytorch:24.05-py3
          resources:
            limits: {nvidia.com/gpu: 2}
`; // GPU limit on line 13 with a namespace, 12 without.
const quota = (namespace: string | undefined, hard: string) => `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  hard: {${hard}}
`;
const notebook = (namespace?: string) => `apiVersion: kubeflow.org/v1
kind: Notebook
metadata:
  name: explore
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  template:
    spec:
      containers:
        - name: notebook
          image: quay.io/jupyter/pytorch-notebook:2024-05-27
`; // metadata.name on line 4.
const netpol = (namespace: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${namespace}
spec:
  podSelector: {}
${extra}`;

// ---------------------------------------------------------------- GPU quota

test('a GPU quota in another file covers the namespace (no finding)', async () => {
  assert.deepEqual(await scanTree({ 'ns.yaml': ns('ml'), 'jobs/train.yaml': gpuJob('train', 'ml'), 'quotas/ml.yaml': quota('ml', 'requests.nvidia.com/gpu: "8"') }, QUOTA), []);
});

test('a GPU namespace declared in one file with no GPU quota anywhere is reported at its first GPU workload', async () => {
  const f = await scanTree({ 'ns.yaml': ns('ml'), 'jobs/b.yaml': gpuJob('b', 'ml'), 'jobs/a.yaml': gpuJob('a', 'ml') }, QUOTA);
  assert.equal(f.length, 1);
  assert.match(f[0], /^jobs\/a\.yaml:13 Namespace ml runs GPU workloads \(Job ml\/a and 1 more\) but no ResourceQuota/);
});

test('a quota elsewhere that omits GPUs makes the namespace judged, and is named in the message', async () => {
  const f = await scanTree({ 'train.yaml': gpuJob('train', 'ml'), 'quota.yaml': quota('ml', 'requests.cpu: "64"') }, QUOTA);
  assert.equal(f.length, 1);
  assert.match(f[0], /^train\.yaml:13 .*ResourceQuota compute at quota\.yaml:2\) do not limit GPU resources/);
});

test('limits.nvidia.com/gpu and MIG resources count as GPU quotas', async () => {
  assert.deepEqual(await scanTree({ 'ns.yaml': ns('ml'), 'train.yaml': gpuJob('t', 'ml'), 'q.yaml': quota('ml', 'nvidia.com/mig-1g.10gb: "4"') }, QUOTA), []);
});

test('a GPU quota in another namespace does not cover this one', async () => {
  const f = await scanTree({ 'ns.yaml': ns('ml'), 'train.yaml': gpuJob('t', 'ml'), 'q.yaml': quota('other', 'requests.nvidia.com/gpu: "8"') }, QUOTA);
  assert.equal(f.length, 1);
});

test('hard negative: GPU workloads in a namespace the scan does not manage are not judged', async () => {
  // No Namespace object, no quota / LimitRange / NetworkPolicy for it: provisioned elsewhere.
  assert.deepEqual(await scanTree({ 'train.yaml': gpuJob('train', 'ml'), 'other.yaml': ns('web') }, QUOTA), []);
});

test('hard negative: NVIDIA operator components do not make a namespace a GPU namespace', async () => {
  const plugin = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: nvidia-device-plugin
  namespace: gpu-operator
spec:
  template:
    spec:
      containers:
        - name: plugin
          image: nvcr.io/nvidia/k8s-device-plugin:v0.15.0
          resources:
            limits: {nvidia.com/gpu: 1}
`;
  assert.deepEqual(await scanTree({ 'ns.yaml': ns('gpu-operator'), 'plugin.yaml': plugin }, QUOTA), []);
});

test('Kustomize: a kustomization namespace applies to namespace-less manifests beside it (quota in a sibling file)', async () => {
  const kz = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: research\nresources: [train.yaml, quota.yaml]\n';
  const tree = { 'ns.yaml': ns('research'), 'app/kustomization.yaml': kz, 'app/base/train.yaml': gpuJob('train') };
  const f = await scanTree(tree, QUOTA);
  assert.equal(f.length, 1);
  assert.match(f[0], /^app\/base\/train\.yaml:12 Namespace research /);
  assert.deepEqual(await scanTree({ ...tree, 'app/quota.yaml': quota(undefined, 'requests.nvidia.com/gpu: "4"') }, QUOTA), []);
});

test('Helm-rendered stream: namespace-less objects take the release namespace the stream shows', async () => {
  const rendered = `---\n# Source: trainer/templates/quota.yaml\n${quota('team-a', 'requests.cpu: "8"')}---\n# Source: trainer/templates/job.yaml\n${gpuJob('train')}`;
  const f = await scanTree({ 'rendered.yaml': rendered }, QUOTA);
  assert.equal(f.length, 1);
  assert.match(f[0], /Namespace team-a runs GPU workloads/);
});

test('a Kubeflow Profile quota on GPUs covers its namespace; a Profile without one is judged', async () => {
  const profile = (hard: string) => `apiVersion: kubeflow.org/v1\nkind: Profile\nmetadata:\n  name: alice\nspec:\n  owner: {kind: User, name: alice@example.com}\n${hard}`;
  const job = gpuJob('train', 'alice');
  assert.deepEqual(await scanTree({ 'profile.yaml': profile('  resourceQuotaSpec:\n    hard: {requests.nvidia.com/gpu: "1"}\n'), 'job.yaml': job }, QUOTA), []);
  assert.equal((await scanTree({ 'profile.yaml': profile(''), 'job.yaml': job }, QUOTA)).length, 1);
});

test('an inline mlwarden-ignore on the GPU workload or the Namespace accepts the namespace', async () => {
  const ignoredJob = gpuJob('train', 'ml').replace('limits: {nvidia.com/gpu: 2}', 'limits: {nvidia.com/gpu: 2} # mlwarden-ignore k8s/gpu-namespace-without-quota -- batch queue caps it');
  assert.deepEqual(await scanTree({ 'ns.yaml': ns('ml'), 'train.yaml': ignoredJob }, QUOTA), []);
  const ignoredNs = ns('ml').replace('name: ml', 'name: ml # mlwarden-ignore k8s/gpu-namespace-without-quota');
  assert.deepEqual(await scanTree({ 'ns.yaml': ignoredNs, 'train.yaml': gpuJob('train', 'ml') }, QUOTA), []);
});

test('archive members join across the archive and files beside it, and findings name the member', async () => {
  const zip = buildZip([{ name: 'manifests/ns.yaml', data: Buffer.from(ns('ml')) }, { name: 'manifests/train.yaml', data: Buffer.from(gpuJob('train', 'ml')) }]);
  const f = await scanTree({ 'bundle.zip': zip }, QUOTA);
  assert.equal(f.length, 1);
  assert.match(f[0], /^bundle\.zip!manifests\/train\.yaml:13 /);
  assert.deepEqual(await scanTree({ 'bundle.zip': zip, 'quota.yaml': quota('ml', 'requests.nvidia.com/gpu: "2"') }, QUOTA), []);
});

// ---------------------------------------------------------------- NetworkPolicy

test('a NetworkPolicy in another file covers a notebook namespace (no finding)', async () => {
  assert.deepEqual(await scanTree({ 'ns.yaml': ns('ml-team'), 'notebook.yaml': notebook('ml-team'), 'policies/deny.yaml': netpol('ml-team') }, NETPOL), []);
});

test('a notebook namespace declared in one file with no NetworkPolicy anywhere is reported at the notebook', async () => {
  const f = await scanTree({ 'ns.yaml': ns('ml-team'), 'notebook.yaml': notebook('ml-team'), 'policies/deny.yaml': netpol('other') }, NETPOL);
  assert.equal(f.length, 1);
  assert.match(f[0], /^notebook\.yaml:4 Namespace ml-team runs ML services or notebooks \(Notebook ml-team\/explore\)/);
});

test('an Egress-only NetworkPolicy does not count as protecting the namespace', async () => {
  const f = await scanTree({ 'ns.yaml': ns('ml-team'), 'notebook.yaml': notebook('ml-team'), 'egress.yaml': netpol('ml-team', '  policyTypes: [Egress]\n') }, NETPOL);
  assert.equal(f.length, 1);
});

test('hard negative: a cluster-wide policy (Calico GlobalNetworkPolicy) anywhere silences the rule', async () => {
  const gnp = 'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  selector: all()\n  types: [Ingress]\n';
  assert.deepEqual(await scanTree({ 'ns.yaml': ns('ml-team'), 'notebook.yaml': notebook('ml-team'), 'gnp.yaml': gnp }, NETPOL), []);
});

test('hard negative: a serving namespace the scan does not manage is not judged', async () => {
  assert.deepEqual(await scanTree({ 'notebook.yaml': notebook('ml-team') }, NETPOL), []);
});

test('a ResourceQuota in another file marks the namespace as managed for the NetworkPolicy rule', async () => {
  const f = await scanTree({ 'notebook.yaml': notebook('ml-team'), 'quota.yaml': quota('ml-team', 'requests.cpu: "8"') }, NETPOL);
  assert.equal(f.length, 1);
});

test('namespace-less objects default to "default" on both sides of the join', async () => {
  assert.deepEqual(await scanTree({ 'ns.yaml': ns('default'), 'notebook.yaml': notebook(), 'deny.yaml': netpol('default') }, NETPOL), []);
  assert.equal((await scanTree({ 'ns.yaml': ns('default'), 'notebook.yaml': notebook() }, NETPOL)).length, 1);
});

// ---------------------------------------------------------------- Service / Ingress exposure

const EXPOSED = 'platform/ml-api-exposed';
const mlflow = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mlflow
  namespace: serving
spec:
  selector:
    matchLabels: {app: mlflow}
  template:
    metadata:
      labels: {app: mlflow}
    spec:
      containers:
        - name: mlflow
          image: ghcr.io/mlflow/mlflow:v2.9.2
          command: ["mlflow", "server", "--host", "0.0.0.0", "--port", "5000"]
          ports:
            - {containerPort: 5000, name: http}
`;
const service = (type: string, opts: { namespace?: string; app?: string; targetPort?: string } = {}) => `apiVersion: v1
kind: Service
metadata:
  name: mlflow
  namespace: ${opts.namespace ?? 'serving'}
spec:
  type: ${type}
  selector: {app: ${opts.app ?? 'mlflow'}}
  ports:
    - {port: 80, targetPort: ${opts.targetPort ?? 'http'}}
`; // type on line 7.
const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: mlflow
  namespace: serving
spec:
  rules:
    - host: mlflow.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: mlflow, port: {number: 80}}
`; // backend on line 13.

async function exposureFindings(files: Record<string, string>): Promise<Array<{ at: string; severity: string; message: string }>> {
  const t = tmpTree(files);
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    return r.findings.filter((f) => f.ruleId === EXPOSED).map((f) => ({ at: `${f.location.path}:${f.location.line}`, severity: f.severity, message: f.message })).sort((a, b) => a.at.localeCompare(b.at));
  } finally {
    t.cleanup();
  }
}

test('a LoadBalancer Service in another file exposes the workload: critical, at the Service', async () => {
  const f = await exposureFindings({ 'deploy.yaml': mlflow, 'services.yaml': service('LoadBalancer') });
  assert.deepEqual(f.map((x) => `${x.at} ${x.severity}`), ['services.yaml:7 critical']);
  assert.match(f[0].message, /Deployment serving\/mlflow container 'mlflow' \(deploy\.yaml:14\): MLflow is reachable via Service mlflow \(LoadBalancer\) without authentication/);
});

test('an Ingress in a third file routing to a ClusterIP Service in another file exposes the workload', async () => {
  const f = await exposureFindings({ 'deploy.yaml': mlflow, 'svc.yaml': service('ClusterIP'), 'ing.yaml': ingress });
  assert.deepEqual(f.map((x) => `${x.at} ${x.severity}`), ['ing.yaml:13 critical']);
  assert.match(f[0].message, /via Ingress mlflow → Service mlflow \(no TLS\)/);
});

test('hard negatives: ClusterIP only, another namespace, another selector or another port do not expose', async () => {
  assert.deepEqual(await exposureFindings({ 'deploy.yaml': mlflow, 'svc.yaml': service('ClusterIP') }), []);
  assert.deepEqual(await exposureFindings({ 'deploy.yaml': mlflow, 'svc.yaml': service('LoadBalancer', { namespace: 'web' }) }), []);
  assert.deepEqual(await exposureFindings({ 'deploy.yaml': mlflow, 'svc.yaml': service('LoadBalancer', { app: 'web' }) }), []);
  assert.deepEqual(await exposureFindings({ 'deploy.yaml': mlflow, 'svc.yaml': service('LoadBalancer', { targetPort: 'metrics' }) }), []);
});

test('a workload and its Service in one file are reported once (by the per-file join), not again scan-wide', async () => {
  const f = await exposureFindings({ 'all.yaml': `${mlflow}---\n${service('LoadBalancer')}`, 'ing.yaml': ingress });
  // The LoadBalancer in the same file (per-file join) plus the Ingress from another file.
  assert.deepEqual(f.map((x) => x.at), ['all.yaml:26', 'ing.yaml:13']);
});

test('an inline mlwarden-ignore on the Service type line accepts a cross-file exposure', async () => {
  const svc = service('LoadBalancer').replace('type: LoadBalancer', 'type: LoadBalancer # mlwarden-ignore platform/ml-api-exposed -- behind oauth2-proxy');
  assert.deepEqual(await exposureFindings({ 'deploy.yaml': mlflow, 'svc.yaml': svc }), []);
});
