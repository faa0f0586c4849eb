import { regex, TOKEN_END_DASH, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'anthropic-admin-key',
  title: 'Anthropic admin API key',
  what: 'Anthropic admin API key',
  severity: 'critical',
  description: 'An Anthropic Admin API key (`sk-ant-admin01-`): it manages the organization\'s members, workspaces and API keys.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.anthropic.com/en/api/administration-api'],
  tags: ['anthropic'],
  matchers: [{ keywords: ['sk-ant-admin0'], pattern: regex(`${TOKEN_START}sk-ant-admin0[0-9]-[A-Za-z0-9_-]{80,120}AA${TOKEN_END_DASH}`), window: [1, 140] }],
  examples: {
    match: [
      `admin_key: ${sample.anthropicAdmin()}`,
    ],
    noMatch: [
      `ANTHROPIC_API_KEY=${sample.anthropic()}`,
    ],
  },
};
