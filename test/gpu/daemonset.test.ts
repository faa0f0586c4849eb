import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const text = readFileSync('deploy/mlwarden-gpu-daemonset.yaml', 'utf8');
const docs = parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: 100 }));
const ds = docs.find((d) => d.kind === 'DaemonSet');
const pod = ds.spec.template.spec;

test('DaemonSet manifest parses and targets GPU nodes only', () => {
  assert.ok(ds);
  assert.equal(pod.nodeSelector['nvidia.com/gpu.present'], 'true');
  assert.ok(pod.tolerations.some((t: { key: string }) => t.key === 'nvidia.com/gpu'));
  assert.equal(pod.automountServiceAccountToken, false);
});

test('every container is unprivileged with a read-only root filesystem and no capabilities', () => {
  for (const c of pod.containers) {
    const sc = c.securityContext;
    assert.equal(sc.privileged, false, c.name);
    assert.equal(sc.readOnlyRootFilesystem, true, c.name);
    assert.equal(sc.allowPrivilegeEscalation, false, c.name);
    assert.deepEqual(sc.capabilities.drop, ['ALL'], c.name);
    assert.equal(sc.capabilities.add, undefined, c.name);
  }
  // hostPID is the one host namespace used, and the manifest says why.
  assert.equal(pod.hostPID, true);
  assert.match(text, /hostPID: true # justified/);
  assert.equal(pod.hostNetwork, undefined);
  assert.equal(pod.hostIPC, undefined);
});

test('host paths are mounted read-only under /host and the audit reads them with --root /host as JSON lines', () => {
  const hostVolumes = new Set(pod.volumes.filter((v: { hostPath?: unknown }) => v.hostPath).map((v: { name: string }) => v.name));
  assert.ok(hostVolumes.size >= 5);
  for (const v of pod.volumes) assert.notEqual(v.hostPath?.type, 'DirectoryOrCreate', `${v.name} would create a host path`);
  for (const c of pod.containers) {
    for (const m of c.volumeMounts) {
      assert.ok(m.mountPath.startsWith('/host/'), m.mountPath);
      if (hostVolumes.has(m.name)) assert.equal(m.readOnly, true, `${c.name}:${m.mountPath}`);
    }
  }
  const audit = pod.containers.find((c: { name: string }) => c.name === 'audit');
  const cmd = [...(audit.command ?? []), ...(audit.args ?? [])].join(' ');
  assert.match(cmd, /mlwarden gpu --root \/host .*--format jsonl/);
  const metrics = pod.containers.find((c: { name: string }) => c.name === 'metrics');
  assert.deepEqual(metrics.args.slice(0, 3), ['gpu', '--root', '/host']);
  assert.ok(metrics.args.includes('--metrics'));
  assert.equal(ds.spec.template.metadata.annotations['prometheus.io/port'], String(metrics.ports[0].containerPort));
});
