import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { mixedCase } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'huggingface-token',
  title: 'Hugging Face access token',
  what: 'Hugging Face access token',
  severity: 'high',
  description: 'A Hugging Face user access token (`hf_…`). Depending on its role it reads private models and datasets or pushes to every repository the user can write, which lets an attacker replace a model with a poisoned one.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://huggingface.co/docs/hub/security-tokens', 'https://atlas.mitre.org/techniques/AML.T0010'],
  tags: ['huggingface'],
  // Issued tokens are 34 letters; digits are accepted too (older and third-party docs show them) when the body mixes cases.
  matchers: [{ keywords: ['hf_'], pattern: regex(`${TOKEN_START}hf_[A-Za-z0-9]{34}${TOKEN_END}`), window: [1, 40], validate: ({ secret }) => mixedCase(secret.slice(3), 4) }],
  examples: {
    match: [
      `HF_TOKEN=${sample.hfToken()}`,
    ],
    noMatch: [
      'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      // An alphabet sequence, not a random token.
      'HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGhIj',
      // One case only: issued tokens mix upper and lower case.
      `HF_TOKEN=hf_${sample.letters(34).toLowerCase()}`,
      'def hf_download_model_from_hub_with_retries(): pass',
    ],
  },
};
