import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { ROTATE_CLOUD_KEY } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'databricks-token',
  title: 'Databricks personal access token',
  what: 'Databricks access token',
  severity: 'high',
  description: 'A Databricks personal access token (`dapi` + 32 hex). It acts as the user in the workspace: notebooks, jobs, clusters, MLflow models and Unity Catalog data.',
  remediation: `${ROTATE_CLOUD_KEY} Databricks recommends OAuth machine-to-machine tokens for automation.`,
  references: ['https://docs.databricks.com/en/dev-tools/auth/pat.html'],
  tags: ['databricks'],
  matchers: [{ keywords: ['dapi'], pattern: regex(`${TOKEN_START}dapi[0-9a-f]{32}(?:-[0-9])?${TOKEN_END}`), window: [1, 40], validate: ({ secret }) => hasLettersAndDigits(secret.slice(4)) }],
  examples: {
    match: [
      `DATABRICKS_TOKEN=dapi${sample.hex(32)}`,
    ],
    noMatch: [
      `DATABRICKS_TOKEN=dapi${sample.hex(31)}`,
      `DATABRICKS_TOKEN=dapi${sample.digits(32)}`,
    ],
  },
};
