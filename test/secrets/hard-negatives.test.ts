// Things entropy scanners flag and mlwarden must not: hashes, ids, placeholders, images, bad checksums.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { ruleIds } from './helpers.js';
import * as t from './tokens.js';

t.seed(7);
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const NEGATIVES: Array<[string, string, string?]> = [
  ['git SHAs', `commit ${sha1('a')}\nMerge: ${sha1('b').slice(0, 7)} ${sha1('c').slice(0, 7)}\nwandb-metadata: {"git": {"commit": "${sha1('d')}"}}\n`],
  ['sha256 hashes', `sha256:${sha256('x')}  model.safetensors\nexpected_sha256 = "${sha256('y')}"\n`],
  ['UUIDs', `run_id: ${randomUUID()}\nexperiment_id = "${randomUUID()}"\n`],
  ['placeholders', [
    'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'OPENAI_API_KEY=sk-xxxx',
    'OPENAI_API_KEY=<YOUR_KEY>',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'DATABASE_URL=postgresql://user:password@localhost:5432/db',
    'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
    'MLFLOW_TRACKING_URI=https://{{ user }}:{{ password }}@mlflow.example.com',
    'MLFLOW_TRACKING_PASSWORD=changeme',
    'WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567',
    'HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGhIj',
    'token: hf_ExampleTokenDoNotUseExampleTokenDoN',
    'KAGGLE_KEY=${KAGGLE_KEY}',
    'password: redacted',
    'url: https://user:pass@example.com/path',
  ].join('\n')],
  ['a GitHub token with a wrong checksum', `GH_TOKEN=${t.badChecksum(t.githubToken())}`],
  ['an npm token with a wrong checksum', `//registry.npmjs.org/:_authToken=${t.badChecksum(t.npmToken())}`, '.npmrc'],
  ['lock file integrity hashes', JSON.stringify({ packages: { 'node_modules/a': { version: '1.0.0', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: `sha512-${createHash('sha512').update('a').digest('base64')}` } } }, null, 2), 'package-lock.json'],
  ['minified JavaScript', `!function(e,t){"object"==typeof exports?module.exports=t():e.lib=t()}(this,function(){var a="${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'}",b=function(e){return e.replace(/[^A-Za-z0-9+/=]/g,"")};return{sk_:a,hf_:b,eyJ:"eyJ",ghp_:1}});`, 'bundle.min.js'],
  ['a base64 PNG in a notebook output', JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: ['plt.show()'], metadata: {}, execution_count: 1, outputs: [{ output_type: 'display_data', metadata: {}, data: { 'image/png': Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(`hf_${t.letters(34)} sk_live_${t.rand(24)}`)]).toString('base64'), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } }] }] }), 'plot.ipynb'],
  ['an unsigned JWT-looking string and random base64', `x = "eyJub3RqdXN0Ijp0cnVlfQ.eyJhIjoxfQ.${t.rand(20)}"\nblob = "${t.b64(120)}"\n`],
  ['a PEM stub without a DER body', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC...\n-----END PRIVATE KEY-----\n'],
  ['a public certificate', `-----BEGIN CERTIFICATE-----\n${Buffer.from(t.rand(300)).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`],
  ['an AWS key id in prose-like docs without secret and a 40-char hex nearby', `# see ${sha1('z')} for the commit that added AKIAIOSFODNN7EXAMPLE`],
  ['kaggle-like key without username or kaggle context', JSON.stringify({ name: 'x', key: t.hex(32) }), 'settings.json'],
  ['identifiers that start like tokens', 'def hf_download_model_from_hub_with_retries(): pass\nsk_learn_pipeline_for_classification = 1\nnpm_config_cache_directory_for_builds_and = 2\n'],
];

for (const [what, text, name] of NEGATIVES) {
  test(`does not report ${what}`, async () => {
    assert.deepEqual(await ruleIds(text, name), []);
  });
}
