import { assignment, regex, TOKEN_END, TOKEN_START, type Detector, type MatchInput } from './detector.js';
import { ROTATE_CLOUD_KEY } from './remediation.js';
import { isPlaceholder, mixedCase } from './validators.js';
import * as sample from './example-tokens.js';

const AWS_ID = '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}';
// A secret access key: 40 characters of base64 without padding; random ones mix cases and digits.
const AWS_SECRET_RE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const isAwsSecret = (s: string) => mixedCase(s, 4) && /[0-9]/.test(s) && !isPlaceholder(s);

/** An AWS key id is not a secret alone; the secret access key within ~400 characters makes it one. */
function pairWithSecret({ secret, text, index }: MatchInput) {
  const from = Math.max(0, index - 400);
  const near = text.slice(from, index + 500);
  AWS_SECRET_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AWS_SECRET_RE.exec(near)) !== null) {
    if (isAwsSecret(m[0])) {
      const temporary = secret.startsWith('ASIA');
      return { secret: m[0], severity: temporary ? ('high' as const) : undefined, note: temporary ? ' (temporary credentials, with key id)' : ' (with its access key id)', properties: { accessKeyId: secret }, covers: [secret] };
    }
  }
  return false;
}

const AWS_ID_EXACT = new RegExp(`^${AWS_ID}$`);
const KEY_ID_NEAR = /aws[_-]?access[_-]?key[_-]?id["']?\s*[:=]\s*["']?([A-Za-z0-9]{8,64})/i;

/**
 * An assigned `aws_secret_access_key` is AWS's unless the access key id beside it is in no AWS
 * format: then the pair is for an S3-compatible store (MinIO, Ceph, a test double; KServe's e2e
 * `aws_credentials` has the id `ARQ7…`), not an AWS account, and is left to the other detectors.
 */
function assignedAwsSecret({ secret, text, index }: MatchInput): boolean {
  if (!isAwsSecret(secret)) return false;
  const id = KEY_ID_NEAR.exec(text.slice(Math.max(0, index - 400), index + 400))?.[1];
  return id === undefined || AWS_ID_EXACT.test(id);
}

export const detector: Detector = {
  id: 'aws-access-key',
  title: 'AWS access key (id and secret)',
  what: 'AWS secret access key',
  severity: 'critical',
  description: 'An AWS secret access key, found next to its access key id (`AKIA…`/`ASIA…`) or assigned to `aws_secret_access_key`. Long-term IAM user keys often carry broad permissions; in ML setups they typically reach the S3 buckets that hold training data and models.',
  remediation: ROTATE_CLOUD_KEY,
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html', 'https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf'],
  tags: ['aws', 'cloud'],
  matchers: [
    { keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: regex(`${TOKEN_START}${AWS_ID}${TOKEN_END}`), window: [1, 22], validate: pairWithSecret },
    {
      keywords: ['secret_access_key', 'secretaccesskey', 'secret-access-key'],
      pattern: assignment('aws[_-]?secret[_-]?access[_-]?key|secretaccesskey', '[A-Za-z0-9/+]{40}'),
      window: [10, 110],
      validate: assignedAwsSecret,
    },
  ],
  examples: {
    match: [
      { text: `aws_access_key_id = ${sample.awsKeyId()}\naws_secret_access_key = ${sample.awsSecret()}\n`, file: 'credentials' },
      { text: `User,Key,Secret\nml-bot,${sample.awsKeyId()},${sample.awsSecret()}\n`, file: 'accessKeys.csv' },
    ],
    noMatch: [
      // The key pair AWS's documentation uses.
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      // A key id alone is secrets/aws-access-key-id.
      `AWS_ACCESS_KEY_ID=${sample.awsKeyId()}`,
      // The pair of an S3-compatible store: its key id is in no AWS format.
      { text: `[default]\naws_access_key_id = ${sample.rand(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789').replace(/^../, 'AR')}\naws_secret_access_key = ${sample.awsSecret()}\n`, file: 'aws_credentials' },
    ],
  },
};
