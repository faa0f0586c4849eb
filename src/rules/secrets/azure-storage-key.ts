import { regex, type Detector } from './detector.js';
import { ROTATE_CLOUD_KEY } from './remediation.js';
import { createHash } from 'node:crypto';
import { decodeBase64 } from './validators.js';
import * as sample from './example-tokens.js';

/**
 * Azurite's account key (the local storage emulator's, account devstoreaccount1): one fixed key,
 * published by Microsoft for every developer, that opens nothing but an emulator. Kept as its
 * sha256 so that the key itself does not sit in this file.
 * https://learn.microsoft.com/en-us/azure/storage/common/storage-use-azurite#http-connection-strings
 */
const AZURITE_KEY_SHA256 = '0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059';

const isAzuriteKey = (secret: string) => createHash('sha256').update(secret).digest('hex') === AZURITE_KEY_SHA256;

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
      validate: ({ secret }) => decodeBase64(secret)?.length === 64 && !isAzuriteKey(secret),
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
      // The Azurite emulator's published key (rebuilt from its two halves).
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2'}${'UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
    ],
  },
};
