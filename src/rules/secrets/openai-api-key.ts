import { regex, TOKEN_END_DASH, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'openai-api-key',
  title: 'OpenAI API key',
  what: 'OpenAI API key',
  severity: 'high',
  description: 'An OpenAI API key (project `sk-proj-`, service account `sk-svcacct-`, or legacy user `sk-`). All carry the `T3BlbkFJ` marker (base64 of "OpenAI"). A leaked key is billed to the owner and can read the project\'s files, fine-tunes and assistants.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://platform.openai.com/docs/api-reference/authentication', 'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety'],
  tags: ['openai'],
  matchers: [
    {
      keywords: ['t3blbkfj'],
      pattern: regex(`${TOKEN_START}sk-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}${TOKEN_END_DASH}`),
      window: [210, 210],
      validate: ({ secret }) => !secret.startsWith('sk-admin-') && !secret.startsWith('sk-ant-'),
    },
  ],
  examples: {
    match: [
      `OPENAI_API_KEY=${sample.openaiProject()}`,
      `openai.api_key = "${sample.openaiLegacy()}"`,
      `key: sk-svcacct-${sample.rand(58)}T3BlbkFJ${sample.rand(58)}`,
    ],
    noMatch: [
      'OPENAI_API_KEY=sk-xxxx',
      // No T3BlbkFJ marker.
      `OPENAI_API_KEY=sk-proj-${sample.rand(120)}`,
      // An admin key belongs to secrets/openai-admin-key.
      `OPENAI_ADMIN_KEY=${sample.openaiAdmin()}`,
    ],
  },
};
