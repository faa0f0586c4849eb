import { assignment, regex, TOKEN_END_DASH, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'together-api-key',
  title: 'Together AI API key',
  what: 'Together AI API key',
  severity: 'medium',
  description: 'A Together AI API key: the `tgp_v1_` format, or a legacy 64-hex key next to a Together keyword (`TOGETHER_API_KEY`).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.together.ai/reference/authentication-1'],
  tags: ['together', 'inference'],
  matchers: [
    { keywords: ['tgp_v1_'], pattern: regex(`${TOKEN_START}tgp_v1_[A-Za-z0-9_-]{40,80}${TOKEN_END_DASH}`), window: [1, 90], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['together'], pattern: assignment('together[A-Za-z0-9_.-]{0,16}(?:key|token)', '[0-9a-f]{64}'), window: [1, 160], validate: ({ secret }) => hasLettersAndDigits(secret) },
  ],
  examples: {
    match: [
      `TOGETHER_API_KEY=${sample.hex(64)}`,
      `together_key: tgp_v1_${sample.rand(43)}`,
    ],
    noMatch: [
      `TOGETHER_API_KEY=${sample.hex(63)}`,
      `together_key: tgp_v1_${sample.rand(12)}`,
    ],
  },
};
