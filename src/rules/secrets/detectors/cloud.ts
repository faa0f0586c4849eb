// Cloud provider credentials: AWS, Google Cloud, Azure, Databricks. These are the most powerful keys a
// repository or image leaks (often whole-account access), so the checks insist on structure: a key id
// needs its secret nearby, a service-account file needs its private key, a storage key must decode.
import { assignment, type Detector, type MatchInput } from '../detector.js';
import { decodeBase64, hasLettersAndDigits, isPlaceholder, mixedCase, pemBodyDecodes, printableRatio } from '../validators.js';

const ROTATE = 'Deactivate and delete the key in the cloud console now (assume it was used), review the audit log (CloudTrail, Cloud Audit Logs, Azure Activity Log) for its use, and switch to short-lived credentials: workload identity / instance roles / OIDC federation instead of static keys in files, images or notebooks.';
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';
const re = (s: string, f = 'g') => new RegExp(s, f);

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

export const CLOUD_DETECTORS: Detector[] = [
  {
    id: 'aws-access-key',
    title: 'AWS access key (id and secret)',
    what: 'AWS secret access key',
    severity: 'critical',
    description: 'An AWS secret access key, found next to its access key id (`AKIA…`/`ASIA…`) or assigned to `aws_secret_access_key`. Long-term IAM user keys often carry broad permissions; in ML setups they typically reach the S3 buckets that hold training data and models.',
    remediation: ROTATE,
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html', 'https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf'],
    tags: ['aws', 'cloud'],
    matchers: [
      { keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: re(`${B}${AWS_ID}${E}`), window: [1, 22], validate: pairWithSecret },
      {
        keywords: ['secret_access_key', 'secretaccesskey', 'secret-access-key'],
        pattern: assignment('aws[_-]?secret[_-]?access[_-]?key|secretaccesskey', '[A-Za-z0-9/+]{40}'),
        window: [10, 110],
        validate: ({ secret }) => isAwsSecret(secret),
      },
    ],
  },
  {
    id: 'aws-access-key-id',
    title: 'AWS access key id without its secret',
    what: 'AWS access key id',
    severity: 'low',
    description: 'An AWS access key id (`AKIA…` long-term, `ASIA…` temporary) with no secret access key nearby. The id alone grants nothing, but it names an IAM user and account and usually means the secret is stored somewhere close.',
    remediation: 'Find where the matching secret access key lives; if it was ever committed or copied into an image, rotate the key.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
    tags: ['aws', 'cloud'],
    generic: true,
    matchers: [{ keywords: ['akia', 'asia'], pattern: re(`${B}(?:AKIA|ASIA)[A-Z2-7]{16}${E}`), window: [1, 22] }],
  },
  {
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    what: 'Amazon Bedrock API key',
    severity: 'high',
    description: 'An Amazon Bedrock API key: long-term (`ABSK` + base64) or short-term (`bedrock-api-key-` + a base64 presigned request). The body is decoded and checked.',
    remediation: `${ROTATE} Bedrock long-term API keys are meant for exploration only.`,
    references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html'],
    tags: ['aws', 'bedrock', 'inference'],
    matchers: [
      {
        keywords: ['absk'],
        pattern: re(`${B}ABSK[A-Za-z0-9+/]{100,300}={0,2}(?![A-Za-z0-9+/=])`),
        window: [1, 310],
        validate: ({ secret }) => {
          const b = decodeBase64(secret.slice(4));
          return !!b && printableRatio(b) > 0.95;
        },
      },
      {
        keywords: ['bedrock-api-key-'],
        pattern: re(`${B}bedrock-api-key-[A-Za-z0-9+/]{60,3000}={0,2}(?![A-Za-z0-9+/=])`),
        window: [1, 3030],
        validate: ({ secret }) => /bedrock|X-Amz/i.test(decodeBase64(secret.slice(16))?.toString('latin1') ?? ''),
      },
    ],
  },
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key file',
    what: 'Google Cloud service account key',
    severity: 'critical',
    description: 'A Google Cloud service account key (JSON with `"type": "service_account"` and a `private_key`). It authenticates as the service account until the key is deleted; in ML projects these usually reach GCS buckets, Vertex AI and BigQuery.',
    remediation: `${ROTATE} Prefer Workload Identity Federation; if a key file is unavoidable, keep it out of the repository and image.`,
    references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys', 'https://cloud.google.com/iam/docs/keys-create-delete'],
    tags: ['gcp', 'cloud'],
    matchers: [
      {
        keywords: ['"private_key"'],
        pattern: re(`"private_key"\\s{0,4}:\\s{0,4}"(?<s>-----BEGIN[ A-Z]{0,20}PRIVATE KEY-----[A-Za-z0-9+/=\\\\\\s]{64,8000}-----END[ A-Z]{0,20}PRIVATE KEY-----(?:\\\\n)?)"`),
        window: [1, 8200],
        validate: ({ secret, text, index }) => {
          const around = text.slice(Math.max(0, index - 4000), index + 8000);
          if (!/"type"\s{0,4}:\s{0,4}"service_account"/.test(around) || !pemBodyDecodes(secret)) return false;
          const email = /"client_email"\s{0,4}:\s{0,4}"([^"\s]{1,200})"/.exec(around)?.[1];
          return { properties: email ? { clientEmail: email } : {} };
        },
      },
    ],
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    what: 'Google API key',
    severity: 'medium',
    description: 'A Google API key (`AIza…`), used by Gemini / Google AI Studio and other Google Cloud APIs. An unrestricted key is billed to its project; Gemini keys also read the project\'s uploaded files and tuned models.',
    remediation: 'Delete or regenerate the key in the Google Cloud console, then restrict the new one to the APIs and callers that need it.',
    references: ['https://cloud.google.com/docs/authentication/api-keys', 'https://ai.google.dev/gemini-api/docs/api-key'],
    tags: ['gcp', 'gemini'],
    matchers: [{ keywords: ['aiza'], pattern: re(`${B}AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`), window: [1, 45], validate: ({ secret }) => hasLettersAndDigits(secret.slice(4)) }],
  },
  {
    id: 'azure-openai-key',
    title: 'Azure OpenAI API key',
    what: 'Azure OpenAI API key',
    severity: 'high',
    description: 'An Azure OpenAI / Azure AI services key (32 hex, or the 84-character format) next to an Azure OpenAI keyword or an `*.openai.azure.com` endpoint.',
    remediation: `${ROTATE} Azure AI services support Microsoft Entra ID authentication: disable local (key) auth where possible.`,
    references: ['https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/managed-identity', 'https://learn.microsoft.com/en-us/azure/ai-services/authentication'],
    tags: ['azure', 'openai'],
    matchers: [
      { keywords: ['azure_openai', 'azure-openai', 'azureopenai'], pattern: assignment('azure[_-]?openai[A-Za-z0-9_.-]{0,16}key', '[0-9a-f]{32}|[A-Za-z0-9]{84}'), window: [1, 140], validate: ({ secret }) => hasLettersAndDigits(secret) },
      { keywords: ['.openai.azure.com'], pattern: assignment('api[_-]?key', '[0-9a-f]{32}'), window: [600, 600], validate: ({ secret }) => hasLettersAndDigits(secret) },
    ],
  },
  {
    id: 'azure-storage-key',
    title: 'Azure Storage account key',
    what: 'Azure Storage account key',
    severity: 'critical',
    description: 'An Azure Storage account key (`AccountKey=` in a connection string). It is full control of every blob, queue, table and file share in the account; it never expires by itself.',
    remediation: `${ROTATE} Rotate both account keys, then use Entra ID (managed identity) or short-lived SAS tokens.`,
    references: ['https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage'],
    tags: ['azure', 'cloud'],
    matchers: [
      {
        keywords: ['accountkey='],
        pattern: re(`AccountKey=(?<s>[A-Za-z0-9+/]{86}==)`, 'gi'),
        window: [1, 110],
        validate: ({ secret }) => decodeBase64(secret)?.length === 64,
      },
    ],
  },
  {
    id: 'databricks-token',
    title: 'Databricks personal access token',
    what: 'Databricks access token',
    severity: 'high',
    description: 'A Databricks personal access token (`dapi` + 32 hex). It acts as the user in the workspace: notebooks, jobs, clusters, MLflow models and Unity Catalog data.',
    remediation: `${ROTATE} Databricks recommends OAuth machine-to-machine tokens for automation.`,
    references: ['https://docs.databricks.com/en/dev-tools/auth/pat.html'],
    tags: ['databricks'],
    matchers: [{ keywords: ['dapi'], pattern: re(`${B}dapi[0-9a-f]{32}(?:-[0-9])?${E}`), window: [1, 40], validate: ({ secret }) => hasLettersAndDigits(secret.slice(4)) }],
  },
];
