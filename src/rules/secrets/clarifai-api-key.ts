import { assignment, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'clarifai-api-key',
  title: 'Clarifai personal access token',
  what: 'Clarifai personal access token',
  severity: 'medium',
  description: 'A Clarifai personal access token or API key (32 hex) next to a Clarifai keyword (`CLARIFAI_PAT`).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.clarifai.com/clarifai-basics/authentication/personal-access-tokens'],
  tags: ['clarifai', 'inference'],
  matchers: [{ keywords: ['clarifai'], pattern: assignment('clarifai[A-Za-z0-9_.-]{0,16}(?:key|token|pat)', '[0-9a-f]{32}'), window: [1, 110], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `CLARIFAI_PAT=${sample.hex(32)}`,
    ],
    noMatch: [
      `CLARIFAI_PAT=${sample.hex(31)}`,
    ],
  },
};
