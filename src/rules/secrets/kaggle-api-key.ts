import { assignment, regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'kaggle-api-key',
  title: 'Kaggle API credentials',
  what: 'Kaggle API key',
  severity: 'high',
  description: 'Kaggle API credentials: the `key` of a `kaggle.json` (next to `username`), `KAGGLE_KEY`, or a new `KGAT_` access token. They download private datasets and publish kernels, datasets and models as the user.',
  remediation: `${REVOKE_ML_CREDENTIAL} Keep kaggle.json only in ~/.kaggle with mode 600.`,
  references: ['https://github.com/Kaggle/kaggle-api/blob/main/docs/README.md'],
  tags: ['kaggle'],
  matchers: [
    {
      keywords: ['"key"'],
      pattern: regex(`"key"\\s{0,4}:\\s{0,4}"(?<s>[0-9a-f]{32})"`),
      window: [1, 80],
      validate: ({ text, index, fileName, secret }) => hasLettersAndDigits(secret) && (/kaggle/i.test(fileName) || /"username"\s{0,4}:/.test(text.slice(Math.max(0, index - 300), index + 300))),
    },
    { keywords: ['kaggle_key', 'kaggle_api_key'], pattern: assignment('kaggle_(?:api_)?key', '[0-9a-f]{32}'), window: [1, 110], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['kgat_'], pattern: regex(`${TOKEN_START}KGAT_[A-Za-z0-9]{20,80}${TOKEN_END}`), window: [1, 90], validate: ({ secret }) => hasLettersAndDigits(secret) },
  ],
  examples: {
    match: [
      { text: JSON.stringify({ username: 'alice', key: sample.hex(32) }), file: 'kaggle.json' },
      `KAGGLE_KEY=${sample.hex(32)}`,
      `KAGGLE_API_TOKEN=KGAT_${sample.rand(32)}`,
    ],
    noMatch: [
      // A `key` without a username or a kaggle file name.
      { text: JSON.stringify({ name: 'x', key: sample.hex(32) }), file: 'settings.json' },
      'KAGGLE_KEY=${KAGGLE_KEY}',
    ],
  },
};
