import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'xai-api-key',
  title: 'xAI API key',
  what: 'xAI API key',
  severity: 'medium',
  description: 'An xAI (Grok) API key (`xai-…`).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.x.ai/docs/overview'],
  tags: ['xai', 'inference'],
  matchers: [{ keywords: ['xai-'], pattern: regex(`${TOKEN_START}xai-[A-Za-z0-9]{80}${TOKEN_END}`), window: [1, 90], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `XAI_API_KEY=xai-${sample.rand(80)}`,
    ],
    noMatch: [
      `XAI_API_KEY=xai-${sample.rand(79)}`,
    ],
  },
};
