import { regex, TOKEN_END_DASH, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'openai-admin-key',
  title: 'OpenAI admin API key',
  what: 'OpenAI admin API key',
  severity: 'critical',
  description: 'An OpenAI organization admin key (`sk-admin-`): it manages users, projects, API keys and billing for the whole organization.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://platform.openai.com/docs/api-reference/administration'],
  tags: ['openai'],
  matchers: [{ keywords: ['sk-admin-'], pattern: regex(`${TOKEN_START}sk-admin-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}${TOKEN_END_DASH}`), window: [1, 420] }],
  examples: {
    match: [
      `OPENAI_ADMIN_KEY=${sample.openaiAdmin()}`,
    ],
    noMatch: [
      `OPENAI_API_KEY=${sample.openaiProject()}`,
      `OPENAI_ADMIN_KEY=sk-admin-${sample.rand(80)}`,
    ],
  },
};
