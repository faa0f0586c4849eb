import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_DEV_TOKEN } from './remediation.js';
import { hasBase62Crc, hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'github-token',
  title: 'GitHub token',
  what: 'GitHub token',
  severity: 'high',
  description: 'A GitHub personal access, OAuth, user-to-server, server-to-server or refresh token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`; CRC32 checksum verified) or a fine-grained personal access token (`github_pat_`). It can read private repositories and, with write scope, push code or workflow changes.',
  remediation: REVOKE_DEV_TOKEN,
  references: ['https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/', 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation'],
  tags: ['github', 'scm'],
  matchers: [
    { keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: regex(`${TOKEN_START}gh[pousr]_[A-Za-z0-9]{36}${TOKEN_END}`), window: [1, 45], validate: ({ secret }) => hasBase62Crc(secret.slice(4)) },
    { keywords: ['github_pat_'], pattern: regex(`${TOKEN_START}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${TOKEN_END}`), window: [1, 95], validate: ({ secret }) => hasLettersAndDigits(secret.slice(11)) },
  ],
  examples: {
    match: [
      `GH_TOKEN=${sample.githubToken()}`,
      `git clone https://x-access-token:${sample.githubToken('s')}@github.com/org/repo`,
      `token: github_pat_${sample.rand(22)}_${sample.rand(59)}`,
    ],
    noMatch: [
      `GH_TOKEN=${sample.badChecksum(sample.githubToken())}`,
      `token: github_pat_${sample.rand(22)}_${sample.rand(40)}`,
    ],
  },
};
