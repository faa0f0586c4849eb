import { assignment, regex, TOKEN_END, TOKEN_END_DASH, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'wandb-api-key',
  title: 'Weights & Biases API key',
  what: 'Weights & Biases API key',
  severity: 'high',
  description: 'A Weights & Biases API key: the new `wandb_v1_` format (86 characters), or a legacy 40-hex key next to a W&B keyword (`WANDB_API_KEY`, `wandb.login(key=…)`, `wandb login`, or the `api.wandb.ai` entry of a `.netrc`). It reads and writes every run, artifact and model in the user\'s entities.',
  remediation: `${REVOKE_ML_CREDENTIAL} W&B keys live in ~/.netrc after \`wandb login\`: never copy that file into images or repositories.`,
  references: ['https://docs.wandb.ai/guides/track/environment-variables', 'https://github.com/wandb/wandb/pull/10688'],
  tags: ['wandb', 'experiment-tracking'],
  matchers: [
    { keywords: ['wandb_v1_'], pattern: regex(`${TOKEN_START}wandb_v1_[A-Za-z0-9_-]{60,100}${TOKEN_END_DASH}`), window: [1, 110], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['wandb'], pattern: assignment('wandb', '(?:local-)?[0-9a-f]{40}'), window: [1, 120], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['wandb'], pattern: regex(`wandb[^\\S\\r\\n]{1,4}login[^\\S\\r\\n]{1,4}(?:--[a-z-]{1,20}[^\\S\\r\\n]{1,4}){0,2}(?<s>(?:local-)?[0-9a-f]{40})${TOKEN_END}`, 'gi'), window: [1, 120], validate: ({ secret }) => hasLettersAndDigits(secret) },
    {
      keywords: ['api.wandb.ai'],
      pattern: regex(`machine\\s{1,20}api\\.wandb\\.ai\\s{1,20}login\\s{1,20}\\S{1,100}\\s{1,20}password\\s{1,20}(?<s>(?:local-)?[0-9a-f]{40}|wandb_v1_[A-Za-z0-9_-]{60,100})${TOKEN_END}`),
      window: [40, 200],
    },
  ],
  examples: {
    match: [
      `WANDB_API_KEY=${sample.hex(40)}`,
      `wandb.login(key="${sample.hex(40)}")`,
      `!wandb login ${sample.hex(40)}`,
      `export WANDB_API_KEY=wandb_v1_${sample.rand(77)}`,
      { text: `machine api.wandb.ai\n  login user\n  password ${sample.hex(40)}\n`, file: '.netrc' },
    ],
    noMatch: [
      // A counting sequence.
      'WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567',
      `WANDB_API_KEY=${sample.hex(39)}`,
    ],
  },
};
