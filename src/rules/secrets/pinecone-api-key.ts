import { assignment, regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'pinecone-api-key',
  title: 'Pinecone API key',
  what: 'Pinecone API key',
  severity: 'high',
  description: 'A Pinecone API key (`pcsk_…`, or a legacy UUID next to a Pinecone keyword). It reads, overwrites and deletes the project\'s vector indexes (a RAG system\'s knowledge).',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.pinecone.io/guides/projects/manage-api-keys'],
  tags: ['pinecone', 'vector-db'],
  matchers: [
    { keywords: ['pcsk_'], pattern: regex(`${TOKEN_START}pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80}${TOKEN_END}`), window: [1, 100], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['pinecone'], pattern: assignment('pinecone[A-Za-z0-9_.-]{0,16}(?:key|token)', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'), window: [1, 130] },
  ],
  examples: {
    match: [
      `PINECONE_API_KEY=pcsk_${sample.rand(6)}_${sample.rand(63)}`,
      `pinecone_api_key: ${sample.uuid()}`,
    ],
    noMatch: [
      `PINECONE_INDEX_ID=${sample.uuid()}`,
      `PINECONE_API_KEY=pcsk_${sample.rand(6)}_${sample.rand(20)}`,
    ],
  },
};
