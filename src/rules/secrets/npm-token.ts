import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_DEV_TOKEN } from './remediation.js';
import { hasBase62Crc } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'npm-token',
  title: 'npm access token',
  what: 'npm access token',
  severity: 'high',
  description: 'An npm access token (`npm_`, CRC32 checksum verified). A publish-capable token lets an attacker ship a malicious version of every package the owner maintains.',
  remediation: `${REVOKE_DEV_TOKEN} Prefer granular, read-only tokens in CI and trusted publishing (OIDC) for releases.`,
  references: ['https://github.blog/security/announcing-npms-new-access-token-format/', 'https://docs.npmjs.com/about-access-tokens'],
  tags: ['npm', 'supply-chain'],
  matchers: [{ keywords: ['npm_'], pattern: regex(`${TOKEN_START}npm_[A-Za-z0-9]{36}${TOKEN_END}`), window: [1, 45], validate: ({ secret }) => hasBase62Crc(secret.slice(4)) }],
  examples: {
    match: [
      { text: `//registry.npmjs.org/:_authToken=${sample.npmToken()}`, file: '.npmrc' },
    ],
    noMatch: [
      { text: `//registry.npmjs.org/:_authToken=${sample.badChecksum(sample.npmToken())}`, file: '.npmrc' },
      'npm_config_cache_directory_for_builds_and = 2',
    ],
  },
};
