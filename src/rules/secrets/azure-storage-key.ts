import { regex, type Detector } from './detector.js';
import { ROTATE_CLOUD_KEY } from './remediation.js';
import { decodeBase64 } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'azure-storage-key',
  title: 'Azure Storage account key',
  what: 'Azure Storage account key',
  severity: 'critical',
  description: 'An Azure Storage account key (`AccountKey=` in a connection string). It is full control of every blob, queue, table and file share in the account; it never expires by itself.',
  remediation: `${ROTATE_CLOUD_KEY} Rotate both account keys, then use Entra ID (managed identity) or short-lived SAS tokens.`,
  references: ['https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage'],
  tags: ['azure', 'cloud'],
  matchers: [
    {
      keywords: ['accountkey='],
      pattern: regex(`AccountKey=(?<s>[A-Za-z0-9+/]{86}==)`, 'gi'),
      window: [1, 110],
      validate: ({ secret }) => decodeBase64(secret)?.length === 64,
    },
  ],
  examples: {
    match: [
      `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=mldata;AccountKey=${Buffer.from(sample.rand(64)).toString('base64')};EndpointSuffix=core.windows.net"`,
    ],
    noMatch: [
      // 86 base64 characters and == that do not decode to 64 bytes.
      `AccountKey=${sample.b64(85)}-==`,
      `AccountKey=${Buffer.from(sample.rand(48)).toString('base64')}`,
    ],
  },
};
