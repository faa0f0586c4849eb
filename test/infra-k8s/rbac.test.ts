import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { dangerousGrants } from '../../src/rules/k8s/ml-workload-rbac.js';
import { tmpTree } from '../helpers/tmp.js';
import { FIXTURES } from './helpers.js';

const RULE = 'k8s/ml-workload-rbac';
const FILES = ['rbac/workloads.yaml', 'rbac/roles.yaml', 'rbac/bindings.yaml'];

async function rbac(cwd: string, files: string[]): Promise<string[]> {
  const r = await scanPaths(files, { cwd, gitignore: false });
  return r.findings.filter((f) => f.ruleId === RULE).map((f) => `${f.location.path}:${f.location.line} ${f.severity}`).sort();
}

const WANT = ['rbac/bindings.yaml:18 high', 'rbac/bindings.yaml:27 critical', 'rbac/bindings.yaml:36 high', 'rbac/bindings.yaml:47 high', 'rbac/bindings.yaml:7 critical'];

test('bindings, roles and ML workloads in three files: cluster-admin, edit, Secrets read, pods/exec and wildcards granted to ML service accounts', async () => {
  assert.deepEqual(await rbac(FIXTURES, FILES), WANT);
});

test('the join does not depend on file order or names', async () => {
  const t = tmpTree({
    'z/workloads.yaml': readFileSync(join(FIXTURES, 'rbac/workloads.yaml'), 'utf8'),
    'a/roles.yaml': readFileSync(join(FIXTURES, 'rbac/roles.yaml'), 'utf8'),
    'rbac/bindings.yaml': readFileSync(join(FIXTURES, 'rbac/bindings.yaml'), 'utf8'),
  });
  try {
    assert.deepEqual(await rbac(t.dir, ['rbac/bindings.yaml', 'z/workloads.yaml', 'a/roles.yaml']), WANT);
  } finally {
    t.cleanup();
  }
});

test('non-ML service accounts, tokens not mounted and harmless roles are not reported; the message names the workload and the grant', async () => {
  const r = await scanPaths(FILES, { cwd: FIXTURES, gitignore: false });
  const f = r.findings.filter((x) => x.ruleId === RULE);
  assert.ok(!f.some((x) => /web-sa|locked-sa|pod-viewer/.test(x.message)));
  assert.match(f.find((x) => x.location.line === 7)!.message, /cluster-admin \(built-in\) cluster-wide to service account research\/notebook-sa, used by Notebook research\/explore \(rbac\/workloads\.yaml:8\)/);
});

test('secure variants (automount off on the ServiceAccount, a resourceNames-scoped Secret, a non-ML controller) fire nothing', async () => {
  assert.deepEqual(await rbac(FIXTURES, ['rbac/secure/rbac.yaml']), []);
});

test('dangerousGrants reads wildcard, Secrets, exec and escalation rules', () => {
  const w = (rules: unknown) => dangerousGrants(rules).map((g) => g.what);
  assert.deepEqual(w([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]), ['every verb on every resource (cluster-admin equivalent)']);
  assert.deepEqual(w([{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]), ['read Secrets']);
  assert.deepEqual(w([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['one'], verbs: ['get'] }]), []);
  assert.deepEqual(w([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind', 'escalate'] }]), ['escalate (RBAC privilege escalation)', 'bind (RBAC privilege escalation)']);
  assert.deepEqual(w([{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]), []);
});

test('a service account named as its user (system:serviceaccount:NS:NAME) or reached through system:authenticated is bound too', async () => {
  const binding = (subject: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: via-user
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - ${subject}
`;
  const workloads = readFileSync(join(FIXTURES, 'rbac/workloads.yaml'), 'utf8');
  for (const [subject, who] of [
    ['{kind: User, name: "system:serviceaccount:research:notebook-sa", apiGroup: rbac.authorization.k8s.io}', /service account research\/notebook-sa \(user/],
    ['{kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}', /every service account \(group system:authenticated\)/],
  ] as const) {
    const t = tmpTree({ 'workloads.yaml': workloads, 'binding.yaml': binding(subject) });
    try {
      const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
      const f = r.findings.filter((x) => x.ruleId === RULE && x.location.path === 'binding.yaml');
      assert.ok(f.length >= 1 && f.every((x) => x.severity === 'critical'), JSON.stringify(f.map((x) => x.message)));
      assert.match(f[0].message, who);
    } finally {
      t.cleanup();
    }
  }
  // A plain human user is not a workload identity.
  const t = tmpTree({ 'workloads.yaml': workloads, 'binding.yaml': binding('{kind: User, name: alice@example.com, apiGroup: rbac.authorization.k8s.io}') });
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    assert.deepEqual(r.findings.filter((x) => x.ruleId === RULE && x.location.path === 'binding.yaml'), []);
  } finally {
    t.cleanup();
  }
});
