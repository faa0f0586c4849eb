// image/base-not-pinned reads the base the builder recorded (OCI manifest annotations or labels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { buildTar } from '../helpers/zip-writer.js';
import { tmpTree } from '../helpers/tmp.js';

const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A one-layer OCI image layout as a tar, built the way the spec lays it out. */
function ociImage(opts: { annotations?: Record<string, string>; labels?: Record<string, string> }): Buffer {
  const layer = buildTar([{ name: 'app/run.py', data: 'print("hi")\n' }]);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { User: '1000', ...(opts.labels ? { Labels: opts.labels } : {}) }, rootfs: { type: 'layers', diff_ids: [digest(layer)] } }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: digest(layer), size: layer.length }],
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    }),
  );
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest(manifest), size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': 'app:1' } }] }));
  const blob = (b: Buffer) => ({ name: `blobs/sha256/${digest(b).slice(7)}`, data: b });
  return buildTar([{ name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' }, { name: 'index.json', data: index }, blob(manifest), blob(config), blob(layer)]);
}

async function ruleHits(image: Buffer): Promise<string[]> {
  const t = tmpTree({ 'image.tar': image });
  try {
    const r = await scanPaths(['image.tar'], { cwd: t.dir });
    return r.findings.filter((f) => f.ruleId === 'image/base-not-pinned').map((f) => f.message);
  } finally {
    t.cleanup();
  }
}

test('flags a base recorded by tag only (manifest annotation or label)', async () => {
  assert.deepEqual(await ruleHits(ociImage({ annotations: { 'org.opencontainers.image.base.name': 'docker.io/library/python:3.11-slim' } })), [
    'image app:1 was built FROM docker.io/library/python:3.11-slim (recorded in a manifest annotation) without a digest',
  ]);
  assert.equal((await ruleHits(ociImage({ labels: { 'org.opencontainers.image.base.name': 'pytorch/pytorch:latest' } }))).length, 1);
});

test('a base recorded with its digest, or no recorded base at all, is not judged', async () => {
  assert.deepEqual(
    await ruleHits(ociImage({ annotations: { 'org.opencontainers.image.base.name': 'docker.io/library/python:3.11-slim', 'org.opencontainers.image.base.digest': `sha256:${'a'.repeat(64)}` } })),
    [],
  );
  assert.deepEqual(await ruleHits(ociImage({})), []);
});
