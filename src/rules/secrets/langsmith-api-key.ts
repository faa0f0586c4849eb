import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'langsmith-api-key',
  title: 'LangSmith API key',
  what: 'LangSmith API key',
  severity: 'medium',
  description: 'A LangSmith personal (`lsv2_pt_`) or service (`lsv2_sk_`) key. Traces often hold prompts, retrieved documents and user data.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key'],
  tags: ['langsmith', 'observability'],
  matchers: [{ keywords: ['lsv2_pt_', 'lsv2_sk_'], pattern: regex(`${TOKEN_START}lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}${TOKEN_END}`), window: [1, 60] }],
  examples: {
    match: [
      `LANGCHAIN_API_KEY=lsv2_pt_${sample.hex(32)}_${sample.hex(10)}`,
    ],
    noMatch: [
      `LANGCHAIN_API_KEY=lsv2_pt_${sample.hex(32)}`,
    ],
  },
};
