import { assignment, regex, TOKEN_END_DASH, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'nvidia-api-key',
  title: 'NVIDIA API / NGC key',
  what: 'NVIDIA API key',
  severity: 'high',
  description: 'An NVIDIA API key (`nvapi-…`, build.nvidia.com and NGC) or a legacy NGC key next to `NGC_API_KEY`. It pulls private NGC containers and models and runs hosted NIM inference.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.nvidia.com/ngc/gpu-cloud/ngc-user-guide/index.html#generating-api-key'],
  tags: ['nvidia', 'ngc'],
  matchers: [
    { keywords: ['nvapi-'], pattern: regex(`${TOKEN_START}nvapi-[A-Za-z0-9_-]{64}${TOKEN_END_DASH}`), window: [1, 75], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['ngc'], pattern: assignment('ngc[_-]?(?:cli[_-]?)?api[_-]?key', '[A-Za-z0-9]{84}|[A-Za-z0-9]{26}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'), window: [1, 160], validate: ({ secret }) => hasLettersAndDigits(secret) },
  ],
  examples: {
    match: [
      `NVIDIA_API_KEY=nvapi-${sample.rand(64)}`,
      `NGC_API_KEY=${sample.rand(84)}`,
    ],
    noMatch: [
      `NVIDIA_API_KEY=nvapi-${sample.rand(63)}`,
      `NGC_API_KEY=${sample.letters(84)}`,
    ],
  },
};
