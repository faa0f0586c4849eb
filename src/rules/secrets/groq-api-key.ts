import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'groq-api-key',
  title: 'Groq API key',
  what: 'Groq API key',
  severity: 'medium',
  description: 'A Groq API key (`gsk_…`, 56 characters).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://console.groq.com/docs/quickstart'],
  tags: ['groq', 'inference'],
  matchers: [{ keywords: ['gsk_'], pattern: regex(`${TOKEN_START}gsk_[A-Za-z0-9]{52}${TOKEN_END}`), window: [1, 60], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `client = Groq(api_key="gsk_${sample.rand(52)}")`,
    ],
    noMatch: [
      `client = Groq(api_key="gsk_${sample.rand(51)}")`,
    ],
  },
};
