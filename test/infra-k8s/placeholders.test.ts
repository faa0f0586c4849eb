// One placeholder model (knowledge/placeholders.ts) and one floating-tag list (knowledge/image-tags.ts):
// an operator's template is not an unknown privileged workload, a placeholder image is not an
// unpinned one, and `ubuntu:rolling` floats like `latest`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { isPlaceholder } from '../../src/knowledge/placeholders.js';
import { isFloatingTag } from '../../src/knowledge/image-tags.js';
import { tmpTree } from '../helpers/tmp.js';

const daemonSet = (name: string, image: string, namespace: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  namespace: "${namespace}"
spec:
  template:
    spec:
      containers:
        - name: driver
          image: "${image}"
          securityContext: { privileged: true }
          volumeMounts: [{ name: run-nvidia, mountPath: /run/nvidia }]
      volumes:
        - name: run-nvidia
          hostPath: { path: /run/nvidia }
`;

const highIds = (r: Awaited<ReturnType<typeof scanPaths>>, path: string) =>
  r.findings.filter((f) => f.location.path === path && (f.severity === 'critical' || f.severity === 'high')).map((f) => f.ruleId).sort();

test('isPlaceholder knows operator, template and left-for-a-person values, and not real images', () => {
  for (const v of ['FILLED BY THE OPERATOR', 'FILLED BY OPERATOR', 'FILLED_BY_THE_VALIDATOR', '${IMAGE}', '$(IMAGE)', '{{ .Values.image }}', '<your-registry>/app:1', '{username}/trainer', 'REPLACE_ME'])
    assert.equal(isPlaceholder(v), true, v);
  for (const v of ['nvcr.io/nvidia/driver:550.54.15', 'rayproject/ray:2.9.0', 'registry:5000/team/app:1.2', 'image-builder:latest'])
    assert.equal(isPlaceholder(v), false, v);
});

test('the GPU operator template of its driver DaemonSet is a component; the same DaemonSet with a real unknown image is not', async () => {
  const t = tmpTree({
    'assets/state-driver/0500_daemonset.yaml': daemonSet('nvidia-driver-daemonset', 'FILLED BY THE OPERATOR', 'FILLED BY THE OPERATOR'),
    'deploy/driver.yaml': daemonSet('nvidia-driver-daemonset', 'ghcr.io/someone/driver:1.0', 'ml'),
  });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    assert.deepEqual(highIds(r, 'assets/state-driver/0500_daemonset.yaml'), []);
    assert.ok(highIds(r, 'deploy/driver.yaml').includes('k8s/gpu-host-device-mount'), highIds(r, 'deploy/driver.yaml').join());
    assert.ok(!r.findings.some((f) => f.ruleId === 'k8s/image-not-pinned' && f.location.path.startsWith('assets/')), 'a placeholder image is not unpinned');
  } finally {
    t.cleanup();
  }
});

test('an operator-filled image alone does not exempt an object that is not NVIDIA-named', async () => {
  const t = tmpTree({ 'deploy/x.yaml': daemonSet('miner', 'FILLED BY THE OPERATOR', 'FILLED BY THE OPERATOR') });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    assert.ok(highIds(r, 'deploy/x.yaml').length > 0);
  } finally {
    t.cleanup();
  }
});

test('channel tags float like latest', () => {
  for (const tag of [undefined, 'latest', 'rolling', 'stable', 'nightly', 'LTS']) assert.equal(isFloatingTag(tag), true, String(tag));
  for (const tag of ['22.04', '2.9.0-gpu', 'v1', '3.12-slim']) assert.equal(isFloatingTag(tag), false, tag);
});
