// Container images made by real producers (umoci, skopeo: scripts/fixtures/image/generate.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { demoRule } from '../helpers/demo-rule.js';
import { whiteout } from '../../src/targets/image/layout.js';
import type { Finding } from '../../src/core/types.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'image');
const scan = (p: string) => scanPaths([p], { cwd: FIX, extraRules: [demoRule] });
const prov = (f: Finding) => f.properties?.provenance as Record<string, unknown>;

for (const [label, path] of [['docker save tarball', 'docker-save.tar'], ['OCI layout tarball', 'oci-layout.tar'], ['OCI layout directory', 'oci-dir'], ['OCI layout with zstd layers', 'oci-zstd.tar']] as const) {
  test(`${label}: scans files a later layer deleted, and says which layers added and deleted them`, async () => {
    const r = await scan(path);
    const creds = r.findings.find((f) => f.ruleId === 'test/danger-line' && f.location.innerPath?.endsWith('!app/creds.txt'));
    assert.ok(creds, JSON.stringify(r.findings.map((f) => f.location), null, 1));
    assert.equal(creds.location.path, path);
    const p = prov(creds);
    assert.equal(p.layerIndex, 0);
    assert.equal(p.deletedInLayer, 1);
    assert.match(String(p.createdBy), /COPY creds\.txt/);
    assert.match(String(p.deletedBy), /rm \/app\/creds\.txt/);
    assert.ok(!creds.evidence?.includes('LAYERONESECRET00001'), 'secret masked');
  });

  test(`${label}: reports the overwritten version, the new one, and image config problems`, async () => {
    const r = await scan(path);
    const serve = r.findings.filter((f) => f.location.innerPath?.endsWith('!app/serve.py'));
    assert.equal(serve.length, 1, 'only the second version says DANGER');
    assert.equal(prov(serve[0]).layerIndex, 1);
    const ids = r.findings.map((f) => f.ruleId);
    assert.ok(ids.includes('image/runs-as-root'));
    const secrets = r.findings.filter((f) => f.ruleId === 'image/secret-in-config').map((f) => f.location.jsonPointer).sort();
    assert.deepEqual(secrets, ['/config/Env/1', secrets.find((s) => s?.startsWith('/history/'))].sort());
    for (const f of r.findings.filter((x) => x.ruleId === 'image/secret-in-config')) {
      assert.ok(!f.evidence?.includes('FAKEfakeFAKE') && !f.evidence?.includes('0123456789abcdef0123'), f.evidence);
    }
  });
}

test('OCI whiteout names are recognised', () => {
  assert.deepEqual(whiteout('app/.wh.creds.txt'), { kind: 'file', target: 'app/creds.txt' });
  assert.deepEqual(whiteout('app/.wh..wh..opq'), { kind: 'opaque', dir: 'app' });
  assert.equal(whiteout('app/creds.txt'), undefined);
});

test('a plain tar that is not an image is still expanded as a tar', async () => {
  const r = await scanPaths(['oci-dir/blobs'], { cwd: FIX, extraRules: [demoRule] });
  // Layer blobs scanned as ordinary gzip'd tars: still found, just without image provenance.
  assert.ok(r.findings.some((f) => f.ruleId === 'test/danger-line' && f.location.innerPath === 'app/creds.txt'));
});
