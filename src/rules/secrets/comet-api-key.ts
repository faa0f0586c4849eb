import { assignment, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'comet-api-key',
  title: 'Comet ML API key',
  what: 'Comet API key',
  severity: 'medium',
  description: 'A Comet (comet_ml) API key next to a Comet keyword (`COMET_API_KEY`, `comet_ml.login(api_key=…)`). It reads and writes the user\'s experiments and registered models.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://www.comet.com/docs/v2/guides/experiment-management/configure-sdk/'],
  tags: ['comet', 'experiment-tracking'],
  matchers: [{ keywords: ['comet'], pattern: assignment('comet[A-Za-z0-9_.-]{0,16}(?:key|token|login|init|start|experiment)', '[A-Za-z0-9]{25}'), window: [1, 120], validate: ({ secret }) => hasLettersAndDigits(secret) }],
  examples: {
    match: [
      `COMET_API_KEY=${sample.rand(25)}`,
    ],
    noMatch: [
      `COMET_WORKSPACE=${sample.rand(25)}`,
      `COMET_API_KEY=${sample.letters(25)}`,
    ],
  },
};
