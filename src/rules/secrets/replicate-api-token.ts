import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'replicate-api-token',
  title: 'Replicate API token',
  what: 'Replicate API token',
  severity: 'medium',
  description: 'A Replicate API token (`r8_…`): runs (and bills) models on the owner\'s account and reads their predictions.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://replicate.com/docs/topics/security/api-tokens'],
  tags: ['replicate', 'inference'],
  matchers: [{ keywords: ['r8_'], pattern: regex(`${TOKEN_START}r8_[A-Za-z0-9]{37}${TOKEN_END}`), window: [1, 45], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `REPLICATE_API_TOKEN=r8_${sample.rand(37)}`,
    ],
    noMatch: [
      `REPLICATE_API_TOKEN=r8_${sample.rand(36)}`,
      "REPLICATE_API_TOKEN='r8_<paste your token>'",
    ],
  },
};
