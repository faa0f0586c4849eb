import { regex, TOKEN_END_DASH, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'anthropic-api-key',
  title: 'Anthropic API key',
  what: 'Anthropic API key',
  severity: 'high',
  description: 'An Anthropic API key (`sk-ant-api03-…AA`, 108 characters). It is billed to the owner\'s workspace.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.anthropic.com/en/api/getting-started', 'https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns'],
  tags: ['anthropic'],
  matchers: [{ keywords: ['sk-ant-api0'], pattern: regex(`${TOKEN_START}sk-ant-api0[0-9]-[A-Za-z0-9_-]{80,120}AA${TOKEN_END_DASH}`), window: [1, 140] }],
  examples: {
    match: [
      `ANTHROPIC_API_KEY=${sample.anthropic()}`,
    ],
    noMatch: [
      'ANTHROPIC_API_KEY=sk-ant-xxxx',
      // Issued keys end in AA.
      `ANTHROPIC_API_KEY=sk-ant-api03-${sample.rand(93)}AB`,
    ],
  },
};
