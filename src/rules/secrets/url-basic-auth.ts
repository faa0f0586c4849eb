import { regex, type Detector } from './detector.js';
import { credentialAfterScheme, urlCredentialCheck } from './url-credentials.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'url-basic-auth',
  title: 'HTTP URL with embedded credentials',
  what: 'Password in an HTTP(S) URL',
  severity: 'high',
  description: 'An HTTP(S) URL with `user:password@` (MLflow tracking URIs, private package indexes, artifact stores, Git remotes). The password travels in every log line and process listing that prints the URL.',
  remediation: 'Change the password or token, and pass it separately (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD, pip keyring, git credential helper) rather than inside the URL.',
  references: ['https://mlflow.org/docs/latest/auth/index.html', 'https://cwe.mitre.org/data/definitions/598.html'],
  tags: ['url', 'basic-auth'],
  generic: true,
  matchers: [
    {
      keywords: ['://'],
      pattern: regex(`(?<![A-Za-z0-9+.-])(?<scheme>https?|ftp|git\\+https|wss?)://(?<user>[^\\s:/@"'<>\`]{1,64}):(?<s>[^\\s@"'<>\`/]{1,128})@(?<host>[A-Za-z0-9._-]{1,255}(?::[0-9]{1,5})?)`, 'gi'),
      window: [12, 480],
      near: credentialAfterScheme,
      allowPlaceholderWords: true,
      validate: urlCredentialCheck,
    },
  ],
  examples: {
    match: [
      `pip install --index-url https://deploy:${sample.rand(20)}@pypi.corp.net/simple torch`,
    ],
    noMatch: [
      'url: https://user:pass@example.com/path',
      'MLFLOW_TRACKING_URI=https://{{ user }}:{{ password }}@mlflow.corp.net',
    ],
  },
};
