import { assignment, regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'elevenlabs-api-key',
  title: 'ElevenLabs API key',
  what: 'ElevenLabs API key',
  severity: 'medium',
  description: 'An ElevenLabs API key (`sk_` + 48 hex, or a legacy 32-hex key next to `xi-api-key` / an ElevenLabs keyword). It spends character quota and can clone voices on the account.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://elevenlabs.io/docs/api-reference/authentication'],
  tags: ['elevenlabs', 'inference'],
  matchers: [
    { keywords: ['sk_'], pattern: regex(`${TOKEN_START}sk_[0-9a-f]{48}${TOKEN_END}`), window: [1, 55], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['elevenlabs', 'xi-api-key', 'xi_api_key'], pattern: assignment('elevenlabs[A-Za-z0-9_.-]{0,16}(?:key|token)|xi[-_]api[-_]key', '[0-9a-f]{32}'), window: [1, 110], validate: ({ secret }) => hasLettersAndDigits(secret) },
  ],
  examples: {
    match: [
      `ELEVEN_API_KEY=sk_${sample.hex(48)}`,
      `headers = {"xi-api-key": "${sample.hex(32)}"}`,
    ],
    noMatch: [
      `ELEVEN_API_KEY=sk_${sample.hex(47)}`,
      `headers = {"xi-api-key": "${sample.hex(31)}"}`,
    ],
  },
};
