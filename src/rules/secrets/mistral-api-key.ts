import { assignment, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'mistral-api-key',
  title: 'Mistral AI API key',
  what: 'Mistral AI API key',
  severity: 'medium',
  description: 'A Mistral AI API key (32 characters, next to a Mistral keyword).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.mistral.ai/getting-started/quickstart/'],
  tags: ['mistral', 'inference'],
  matchers: [{ keywords: ['mistral'], pattern: assignment('mistral[A-Za-z0-9_.-]{0,16}(?:key|token)|mistral\\(|mistralclient', '[A-Za-z0-9]{32}'), window: [1, 120], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `MISTRAL_API_KEY="${sample.rand(32)}"`,
    ],
    noMatch: [
      `MISTRAL_MODEL="${sample.rand(32)}"`,
      `MISTRAL_API_KEY="${sample.letters(32)}"`,
    ],
  },
};
