// Behaviour between detectors (pairing, precedence, properties). Each detector's own positive and
// negative lines are its `examples`, run by examples.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleIds, scanText } from './helpers.js';
import * as t from './tokens.js';

t.seed(42);

test('pairs an AWS key id with its secret as one critical finding and no separate id finding', async () => {
  const hits = await scanText(`[default]\naws_access_key_id = ${t.awsKeyId()}\naws_secret_access_key = ${t.awsSecret()}\n`, 'credentials');
  assert.deepEqual(hits.map((h) => h.detector.id), ['aws-access-key']);
});

test('a provider-specific hit wins over the generic URL or netrc rule for the same secret', async () => {
  const ids = await ruleIds(`machine api.wandb.ai login user password ${t.hex(40)}\n`, '.netrc');
  assert.deepEqual(ids, ['secrets/wandb-api-key']);
  const gh = await ruleIds(`https://x-access-token:${t.githubToken()}@github.com/o/r.git`);
  assert.deepEqual(gh, ['secrets/github-token']);
});

test('reports a GCP service-account file once, not also as a bare private key', async () => {
  const json = JSON.stringify({ type: 'service_account', private_key: t.pemKey(), client_email: 'a@b.iam.gserviceaccount.com' }, null, 2);
  const hits = await scanText(json, 'key.json');
  assert.deepEqual(hits.map((h) => h.detector.id), ['gcp-service-account-key']);
  assert.equal(hits[0].verdict.properties?.clientEmail, 'a@b.iam.gserviceaccount.com');
  assert.equal(hits[0].line, 3);
});

test('notes an MLflow tracking URI with basic auth', async () => {
  const hits = await scanText(`MLFLOW_TRACKING_URI=https://admin:${t.rand(14)}@mlflow.corp.net:5000\n`, '.env');
  assert.equal(hits[0].detector.id, 'url-basic-auth');
  assert.match(hits[0].verdict.note ?? '', /MLflow/);
});
