import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'openrouter-api-key',
  title: 'OpenRouter API key',
  what: 'OpenRouter API key',
  severity: 'medium',
  description: 'An OpenRouter API key (`sk-or-v1-` + 64 hex); it spends the account\'s credits on any routed model.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://openrouter.ai/docs/api-reference/authentication'],
  tags: ['openrouter', 'inference'],
  matchers: [{ keywords: ['sk-or-v1-'], pattern: regex(`${TOKEN_START}sk-or-v1-[0-9a-f]{64}${TOKEN_END}`), window: [1, 80], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `OPENROUTER_API_KEY=sk-or-v1-${sample.hex(64)}`,
    ],
    noMatch: [
      `OPENROUTER_API_KEY=sk-or-v1-${sample.hex(63)}`,
    ],
  },
};
