import { regex, type Detector } from './detector.js';
import { pemBodyDecodes } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'private-key',
  title: 'Private key',
  what: 'PEM private key',
  severity: 'high',
  description: 'A PEM private key (RSA, EC, DSA, PKCS#8, OpenSSH). The body is decoded and must be DER (or the OpenSSH key format), so documentation stubs are not reported. Whoever holds it can impersonate the server, sign as the user, or log in over SSH.',
  remediation: 'Treat the key as compromised: revoke any certificate, remove the public key from authorized_keys / cloud accounts, generate a new key pair, and keep private keys in a secret store or mounted at run time.',
  references: ['https://cwe.mitre.org/data/definitions/321.html', 'https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf'],
  tags: ['private-key', 'crypto'],
  generic: true,
  matchers: [
    {
      keywords: ['-----begin'],
      // The body class has no '-', so a match attempt ends at the next dash: linear even on thousands of headers.
      pattern: regex(`-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:\\s{0,4}Proc-Type:[^\\n]{0,80}\\s{1,4}DEK-Info:[^\\n]{0,120})?[A-Za-z0-9+/=\\\\\\s]{64,20000}-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----`),
      window: [0, 20100],
      allowPlaceholderWords: true,
      validate: ({ secret }) => pemBodyDecodes(secret),
    },
  ],
  examples: {
    match: [
      { text: sample.pemKey('RSA PRIVATE KEY'), file: 'id_rsa' },
    ],
    noMatch: [
      // A documentation stub: the body does not decode to DER.
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC...\n-----END PRIVATE KEY-----\n',
      `-----BEGIN CERTIFICATE-----\n${Buffer.from(sample.rand(300)).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`,
    ],
  },
};
