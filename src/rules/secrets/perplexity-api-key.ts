import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'perplexity-api-key',
  title: 'Perplexity API key',
  what: 'Perplexity API key',
  severity: 'medium',
  description: 'A Perplexity API key (`pplx-…`).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.perplexity.ai/guides/getting-started'],
  tags: ['perplexity', 'inference'],
  matchers: [{ keywords: ['pplx-'], pattern: regex(`${TOKEN_START}pplx-[A-Za-z0-9]{48}${TOKEN_END}`), window: [1, 60], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `PPLX_API_KEY=pplx-${sample.rand(48)}`,
    ],
    noMatch: [
      `PPLX_API_KEY=pplx-${sample.rand(47)}`,
    ],
  },
};
