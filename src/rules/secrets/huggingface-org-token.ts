import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { mixedCase } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'huggingface-org-token',
  title: 'Hugging Face organization API token',
  what: 'Hugging Face organization API token',
  severity: 'high',
  description: 'A legacy Hugging Face organization token (`api_org_…`) acts for a whole organization.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://huggingface.co/docs/hub/security-tokens'],
  tags: ['huggingface'],
  matchers: [{ keywords: ['api_org_'], pattern: regex(`${TOKEN_START}api_org_[A-Za-z]{34}${TOKEN_END}`), window: [1, 45], validate: ({ secret }) => mixedCase(secret.slice(8), 4) }],
  examples: {
    match: [
      `token = "api_org_${sample.letters(34)}"`,
    ],
    noMatch: [
      `token = "api_org_${sample.letters(34).toUpperCase()}"`,
      // Digits: the format is letters only.
      `token = "api_org_${sample.rand(34)}"`,
    ],
  },
};
