import { assignment, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'deepseek-api-key',
  title: 'DeepSeek API key',
  what: 'DeepSeek API key',
  severity: 'medium',
  description: 'A DeepSeek API key (`sk-` + 32 hex) next to a DeepSeek keyword.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://api-docs.deepseek.com/'],
  tags: ['deepseek', 'inference'],
  matchers: [{ keywords: ['deepseek'], pattern: assignment('deepseek[A-Za-z0-9_.-]{0,16}(?:key|token)', 'sk-[0-9a-f]{32}'), window: [1, 120], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `DEEPSEEK_API_KEY=sk-${sample.hex(32)}`,
    ],
    noMatch: [
      // Without a DeepSeek keyword, sk- + 32 hex is nobody's in particular.
      `api_key = "sk-${sample.hex(32)}"`,
      `DEEPSEEK_API_KEY=sk-${sample.hex(31)}`,
    ],
  },
};
