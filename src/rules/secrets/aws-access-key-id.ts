import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'aws-access-key-id',
  title: 'AWS access key id without its secret',
  what: 'AWS access key id',
  severity: 'low',
  description: 'An AWS access key id (`AKIA…` long-term, `ASIA…` temporary) with no secret access key nearby. The id alone grants nothing, but it names an IAM user and account and usually means the secret is stored somewhere close.',
  remediation: 'Find where the matching secret access key lives; if it was ever committed or copied into an image, rotate the key.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  tags: ['aws', 'cloud'],
  generic: true,
  matchers: [{ keywords: ['akia', 'asia'], pattern: regex(`${TOKEN_START}(?:AKIA|ASIA)[A-Z2-7]{16}${TOKEN_END}`), window: [1, 22] }],
  examples: {
    match: [
      `AWS_ACCESS_KEY_ID=${sample.awsKeyId()}`,
    ],
    noMatch: [
      // With its secret nearby the pair is reported once, as secrets/aws-access-key.
      { text: `aws_access_key_id = ${sample.awsKeyId()}\naws_secret_access_key = ${sample.awsSecret()}\n`, file: 'credentials' },
      '# see AKIAIOSFODNN7EXAMPLE in the AWS docs',
    ],
  },
};
