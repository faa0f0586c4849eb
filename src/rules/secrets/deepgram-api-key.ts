import { assignment, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'deepgram-api-key',
  title: 'Deepgram API key',
  what: 'Deepgram API key',
  severity: 'medium',
  description: 'A Deepgram API key (40 hex) next to a Deepgram keyword.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://developers.deepgram.com/docs/authenticating'],
  tags: ['deepgram', 'inference'],
  matchers: [{ keywords: ['deepgram'], pattern: assignment('deepgram[A-Za-z0-9_.-]{0,16}(?:key|token|client)', '[0-9a-f]{40}'), window: [1, 120], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `DEEPGRAM_API_KEY=${sample.hex(40)}`,
    ],
    noMatch: [
      `DEEPGRAM_API_KEY=${sample.hex(39)}`,
    ],
  },
};
