import { regex, TOKEN_START, type Detector } from './detector.js';
import { ROTATE_CLOUD_KEY } from './remediation.js';
import { decodeBase64, printableRatio } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'aws-bedrock-api-key',
  title: 'Amazon Bedrock API key',
  what: 'Amazon Bedrock API key',
  severity: 'high',
  description: 'An Amazon Bedrock API key: long-term (`ABSK` + base64) or short-term (`bedrock-api-key-` + a base64 presigned request). The body is decoded and checked.',
  remediation: `${ROTATE_CLOUD_KEY} Bedrock long-term API keys are meant for exploration only.`,
  references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html'],
  tags: ['aws', 'bedrock', 'inference'],
  matchers: [
    {
      keywords: ['absk'],
      pattern: regex(`${TOKEN_START}ABSK[A-Za-z0-9+/]{100,300}={0,2}(?![A-Za-z0-9+/=])`),
      window: [1, 310],
      validate: ({ secret }) => {
        const b = decodeBase64(secret.slice(4));
        return !!b && printableRatio(b) > 0.95;
      },
    },
    {
      keywords: ['bedrock-api-key-'],
      pattern: regex(`${TOKEN_START}bedrock-api-key-[A-Za-z0-9+/]{60,3000}={0,2}(?![A-Za-z0-9+/=])`),
      window: [1, 3030],
      validate: ({ secret }) => /bedrock|X-Amz/i.test(decodeBase64(secret.slice(16))?.toString('latin1') ?? ''),
    },
  ],
  examples: {
    match: [
      `AWS_BEARER_TOKEN_BEDROCK=ABSK${Buffer.from(`BedrockAPIKey-${sample.rand(8)}-at-123456789012:${sample.rand(60)}`).toString('base64')}`,
      `AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${sample.awsKeyId('ASIA')}`).toString('base64')}`,
    ],
    noMatch: [
      // The body must decode to a presigned Bedrock request.
      `AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-${Buffer.from(`https://models.internal/?Action=List&Version=1&${sample.rand(40)}`).toString('base64')}`,
      `AWS_BEARER_TOKEN_BEDROCK=ABSK${sample.b64(40)}`,
    ],
  },
};
