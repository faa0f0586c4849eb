import { regex, TOKEN_START, type Detector } from './detector.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'google-api-key',
  title: 'Google API key',
  what: 'Google API key',
  severity: 'medium',
  description: 'A Google API key (`AIza…`), used by Gemini / Google AI Studio and other Google Cloud APIs. An unrestricted key is billed to its project; Gemini keys also read the project\'s uploaded files and tuned models.',
  remediation: 'Delete or regenerate the key in the Google Cloud console, then restrict the new one to the APIs and callers that need it.',
  references: ['https://cloud.google.com/docs/authentication/api-keys', 'https://ai.google.dev/gemini-api/docs/api-key'],
  tags: ['gcp', 'gemini'],
  matchers: [{ keywords: ['aiza'], pattern: regex(`${TOKEN_START}AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`), window: [1, 45], validate: ({ secret }) => hasLettersAndDigits(secret.slice(4)) }],
  examples: {
    match: [
      `GOOGLE_API_KEY=AIza${sample.rand(35)}`,
    ],
    noMatch: [
      `GOOGLE_API_KEY=AIza${sample.rand(34)}`,
      `GOOGLE_API_KEY=AIza${sample.letters(35)}`,
    ],
  },
};
