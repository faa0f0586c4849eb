import { assignment, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'cohere-api-key',
  title: 'Cohere API key',
  what: 'Cohere API key',
  severity: 'medium',
  description: 'A Cohere API key (40 characters, found next to a Cohere keyword such as `CO_API_KEY` or `cohere.Client(`).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.cohere.com/reference/about'],
  tags: ['cohere', 'inference'],
  matchers: [{ keywords: ['cohere', 'co_api_key'], pattern: assignment('cohere[A-Za-z0-9_.-]{0,16}(?:key|token|client(?:v2)?)|co_api_key', '[A-Za-z0-9]{40}'), window: [1, 130], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `co = cohere.ClientV2(api_key="${sample.rand(40)}")`,
      `CO_API_KEY=${sample.rand(40)}`,
    ],
    noMatch: [
      `COHERE_MODEL=${sample.rand(40)}`,
      `CO_API_KEY=${sample.letters(40)}`,
    ],
  },
};
