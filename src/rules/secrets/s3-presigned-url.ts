import { regex, type Detector } from './detector.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 's3-presigned-url',
  title: 'Pre-signed S3 URL',
  what: 'Pre-signed AWS request URL',
  severity: 'medium',
  description: 'An AWS SigV4 pre-signed URL (`X-Amz-Credential` + `X-Amz-Signature`): anyone with it can perform the signed request (download or upload the object) until it expires, up to 7 days. Notebooks often print them.',
  remediation: 'Let the URL expire (or revoke the signing credentials if it must die now), shorten `ExpiresIn`, and clear notebook outputs that print pre-signed URLs.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html'],
  tags: ['aws', 's3'],
  matchers: [
    {
      keywords: ['x-amz-signature='],
      pattern: regex(`X-Amz-Signature=(?<s>[0-9a-f]{64})`, 'gi'),
      window: [1, 90],
      validate: ({ text, index }) => {
        const url = text.slice(Math.max(0, text.lastIndexOf('http', index)), index);
        if (url.length > 4000 || !/X-Amz-Credential=(?:AKIA|ASIA)[A-Z2-7]{16}(?:%2F|\/)/i.test(url)) return false;
        const expires = Number(/X-Amz-Expires=([0-9]{1,7})/i.exec(url)?.[1]);
        return { properties: Number.isFinite(expires) ? { expiresSeconds: expires } : {}, severity: /X-Amz-Credential=AKIA/i.test(url) && expires > 86400 ? 'high' : undefined };
      },
    },
  ],
  examples: {
    match: [
      `https://bucket.s3.amazonaws.com/model.pt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${sample.awsKeyId('ASIA')}%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${sample.hex(64)}`,
    ],
    noMatch: [
      // A signature without the credential it was made with.
      `https://bucket.s3.amazonaws.com/model.pt?X-Amz-Signature=${sample.hex(64)}`,
    ],
  },
};
