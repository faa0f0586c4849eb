// Keras and SavedModel files that cannot be fully read are findings (tagged coverage), never clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { buildZip } from '../helpers/zip-writer.js';
import { tmpTree } from '../helpers/tmp.js';

const FIX = join(process.cwd(), 'test', 'fixtures', 'model-formats');

async function findings(files: Record<string, string | Buffer>, ruleId: string) {
  const t = tmpTree(files);
  try {
    return (await scanPaths(['.'], { cwd: t.dir })).findings.filter((f) => f.ruleId === ruleId);
  } finally {
    t.cleanup();
  }
}

test('a .keras archive whose config.json is not JSON is reported as not analysed; the real file is clean', async () => {
  const metadata = '{"keras_version": "3.3.3", "date_saved": "2024-05-01@10:00:00"}';
  const broken = buildZip([
    { name: 'metadata.json', data: metadata },
    { name: 'config.json', data: '{"module": "keras", "class_name": "Sequential", "config": {"layers": [' },
  ]);
  const f = await findings({ 'model.keras': broken }, 'model/keras-invalid-config');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /config\.json is not valid JSON.*its layers were not analysed/);
  assert.ok(f[0].tags?.includes('coverage'));
  assert.equal((await findings({ 'model.keras': readFileSync(join(FIX, 'benign.keras')) }, 'model/keras-invalid-config')).length, 0);
});

test('a truncated saved_model.pb is reported as incompletely analysed; the real file is clean', async () => {
  const pb = readFileSync(join(FIX, 'savedmodel-benign', 'saved_model.pb'));
  const f = await findings({ 'export/saved_model.pb': pb.subarray(0, pb.length - 40) }, 'model/savedmodel-invalid-structure');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /the rest of the graph was not analysed/);
  assert.equal((await findings({ 'export/saved_model.pb': pb }, 'model/savedmodel-invalid-structure')).length, 0);
});
