// Known-answer vectors for the token checksum (GitHub ghp_/gho_/ghu_/ghs_/ghr_ and npm npm_ tokens:
// 30 base62 characters, then their CRC32 in base62, 6 wide). The vectors come from outside this code,
// so a bug shared by our generator (example-tokens.ts) and our validator cannot pass unseen.
// Each token is kept as its two parts (and without its prefix), so that no whole token sits in the
// source for push protection or other scanners to flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base62Encode, crc32, hasBase62Crc } from '../../src/rules/secrets/validators.js';
import { ruleIds } from './helpers.js';

test('CRC-32 of "123456789" is the catalogue check value 0xCBF43926', () => {
  // Greg Cook's Catalogue of parametrised CRC algorithms, CRC-32/ISO-HDLC: check=0xcbf43926.
  assert.equal(crc32('123456789'), 0xcbf43926);
});

// therootcompany/base62-token.js, test.js (fixtures "verified ... actual, real-world GitHub tokens",
// long revoked) and README.md pseudocode: "ghp_" + "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ" + "0mLq17".
const PUBLISHED: Array<[entropy: string, checksum: string]> = [
  ['zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ', '0mLq17'],
  ['adE7dp8rHP6gUTuPwxLTZjZdtya3sV', '0UQzQM'],
  ['51PEHKkZR5PsBlXhMnRztYvUcl5km2', '4cVLUu'],
];

for (const [entropy, checksum] of PUBLISHED) {
  test(`a published GitHub token checksum verifies: …${checksum}`, async () => {
    assert.equal(base62Encode(crc32(entropy), 6), checksum);
    assert.ok(hasBase62Crc(entropy + checksum));
    assert.deepEqual(await ruleIds(`GH_TOKEN=${['ghp', entropy + checksum].join('_')}`), ['secrets/github-token']);
    // npm tokens use the same construction (github.blog, 2021-09-23, "npm's new access token format").
    assert.deepEqual(await ruleIds(`//registry.npmjs.org/:_authToken=${['npm', entropy + checksum].join('_')}`, '.npmrc'), ['secrets/npm-token']);
  });
}

test('the sample token in GitHub\'s OAuth documentation fails the checksum and is not reported', async () => {
  // docs.github.com, "Authorizing OAuth apps": access_token=gho_16C7e42F…178B4a (in the web application flow).
  const body = ['16C7e42F292c6912E7710c838347Ae', '178B4a'].join('');
  assert.equal(hasBase62Crc(body), false);
  assert.deepEqual(await ruleIds(`access_token=${['gho', body].join('_')}&scope=repo`), []);
});
