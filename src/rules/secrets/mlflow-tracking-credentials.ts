import { assignment, type Detector } from './detector.js';
import { WEAK_DOC_PASSWORDS } from './url-credentials.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'mlflow-tracking-credentials',
  title: 'MLflow tracking server credentials',
  what: 'MLflow tracking server password',
  severity: 'high',
  description: 'A password or token for an MLflow tracking server (`MLFLOW_TRACKING_PASSWORD`, `MLFLOW_TRACKING_TOKEN`). It reads and writes experiments, runs and the model registry; registered models are loaded by serving jobs, so write access is a path to code execution.',
  remediation: 'Change the password or token on the tracking server and provide it at run time from a secret store.',
  references: ['https://mlflow.org/docs/latest/auth/index.html', 'https://mlflow.org/docs/latest/tracking/server.html'],
  tags: ['mlflow', 'experiment-tracking'],
  matchers: [
    {
      keywords: ['mlflow_tracking_password', 'mlflow_tracking_token'],
      pattern: assignment('mlflow_tracking_(?:password|token)', '[^\\s"\'`]{6,256}'),
      window: [1, 300],
      validate: ({ secret }) => !WEAK_DOC_PASSWORDS.has(secret.toLowerCase()) && !/^[$%{<]/.test(secret),
    },
  ],
  examples: {
    match: [
      `MLFLOW_TRACKING_PASSWORD=${sample.rand(16)}`,
    ],
    noMatch: [
      'MLFLOW_TRACKING_PASSWORD=changeme',
      'MLFLOW_TRACKING_PASSWORD=${MLFLOW_PASSWORD}',
    ],
  },
};
