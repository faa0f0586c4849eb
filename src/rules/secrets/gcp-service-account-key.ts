import { regex, type Detector } from './detector.js';
import { ROTATE_CLOUD_KEY } from './remediation.js';
import { pemBodyDecodes } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'gcp-service-account-key',
  title: 'Google Cloud service account key file',
  what: 'Google Cloud service account key',
  severity: 'critical',
  description: 'A Google Cloud service account key (JSON with `"type": "service_account"` and a `private_key`). It authenticates as the service account until the key is deleted; in ML projects these usually reach GCS buckets, Vertex AI and BigQuery.',
  remediation: `${ROTATE_CLOUD_KEY} Prefer Workload Identity Federation; if a key file is unavoidable, keep it out of the repository and image.`,
  references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys', 'https://cloud.google.com/iam/docs/keys-create-delete'],
  tags: ['gcp', 'cloud'],
  matchers: [
    {
      keywords: ['"private_key"'],
      pattern: regex(`"private_key"\\s{0,4}:\\s{0,4}"(?<s>-----BEGIN[ A-Z]{0,20}PRIVATE KEY-----[A-Za-z0-9+/=\\\\\\s]{64,8000}-----END[ A-Z]{0,20}PRIVATE KEY-----(?:\\\\n)?)"`),
      window: [1, 8200],
      validate: ({ secret, text, index }) => {
        const around = text.slice(Math.max(0, index - 4000), index + 8000);
        if (!/"type"\s{0,4}:\s{0,4}"service_account"/.test(around) || !pemBodyDecodes(secret)) return false;
        const email = /"client_email"\s{0,4}:\s{0,4}"([^"\s]{1,200})"/.exec(around)?.[1];
        return { properties: email ? { clientEmail: email } : {} };
      },
    },
  ],
  examples: {
    match: [
      { text: JSON.stringify({ type: 'service_account', project_id: 'ml-prod', private_key_id: sample.hex(40), private_key: sample.pemKey(), client_email: 'trainer@ml-prod.iam.gserviceaccount.com' }, null, 2), file: 'sa.json' },
    ],
    noMatch: [
      // A private key in JSON that is not a service-account file (secrets/private-key reports it).
      { text: JSON.stringify({ type: 'authorized_user', private_key: sample.pemKey() }, null, 2), file: 'key.json' },
      { text: JSON.stringify({ type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC...\n-----END PRIVATE KEY-----\n' }, null, 2), file: 'sa.json' },
    ],
  },
};
