// Scan-wide joins stay inside one deployable unit (scan/units.ts): a Helm chart, a version-named
// release copy, one sample's or fixture's folder; everything else named on one command line is one
// unit. A binding in a chart must not resolve its role from an archived `install/vX.Y/` copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { unitResolver } from '../../src/scan/units.js';
import { tmpTree } from '../helpers/tmp.js';
import { FIXTURES } from './helpers.js';

const RULE = 'k8s/ml-workload-rbac';
const fixture = (f: string) => readFileSync(join(FIXTURES, 'rbac', f), 'utf8');
const CHART = 'apiVersion: v2\nname: app\nversion: 0.1.0\n';

async function rbacFindings(files: Record<string, string>): Promise<string[]> {
  const t = tmpTree(files);
  try {
    const r = await scanPaths(['.'], { cwd: t.dir, gitignore: false });
    return r.findings.filter((f) => f.ruleId === RULE).map((f) => f.location.path);
  } finally {
    t.cleanup();
  }
}

test('a chart joins its own bindings, roles and workloads', async () => {
  const got = await rbacFindings({ 'charts/app/Chart.yaml': CHART, 'charts/app/workloads.yaml': fixture('workloads.yaml'), 'charts/app/roles.yaml': fixture('roles.yaml'), 'charts/app/bindings.yaml': fixture('bindings.yaml') });
  assert.ok(got.length > 0 && got.every((p) => p === 'charts/app/bindings.yaml'), got.join());
});

test("a chart's binding does not resolve its role from an archived release copy", async () => {
  const got = await rbacFindings({ 'charts/app/Chart.yaml': CHART, 'charts/app/workloads.yaml': fixture('workloads.yaml'), 'charts/app/bindings.yaml': fixture('bindings.yaml'), 'install/v0.9.0/roles.yaml': fixture('roles.yaml') });
  // Only the built-in cluster roles (cluster-admin, edit) still resolve: they exist in every cluster.
  const all = await rbacFindings({ 'charts/app/Chart.yaml': CHART, 'charts/app/workloads.yaml': fixture('workloads.yaml'), 'charts/app/bindings.yaml': fixture('bindings.yaml'), 'charts/app/roles.yaml': fixture('roles.yaml') });
  assert.ok(got.length < all.length, `${got.length} findings with the role in install/v0.9.0, ${all.length} with it in the chart`);
});

test('units: charts, version folders and each sample folder are their own; plain folders are the scan', () => {
  const t = tmpTree({ 'charts/app/Chart.yaml': CHART, 'charts/app/templates/x.yaml': '', 'install/v0.9.0/a.yaml': '', 'docs/samples/sklearn/a.yaml': '', 'docs/samples/torch/b.yaml': '', 'jobs/a.yaml': '', 'quotas/b.yaml': '' });
  try {
    const unit = unitResolver([t.dir], t.dir);
    assert.equal(unit('charts/app/templates/x.yaml'), join(t.dir, 'charts/app'));
    assert.equal(unit('install/v0.9.0/a.yaml'), join(t.dir, 'install/v0.9.0'));
    assert.notEqual(unit('docs/samples/sklearn/a.yaml'), unit('docs/samples/torch/b.yaml'));
    assert.equal(unit('jobs/a.yaml'), '');
    assert.equal(unit('quotas/b.yaml'), '');
  } finally {
    t.cleanup();
  }
});
