import { regex, type Detector } from './detector.js';
import { REVOKE_ML_CREDENTIAL } from './remediation.js';
import { decodeBase64 } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'neptune-api-token',
  title: 'neptune.ai API token',
  what: 'neptune.ai API token',
  severity: 'medium',
  description: 'A neptune.ai API token: base64 of a JSON object with `api_address`, `api_url` and `api_key`. The body is decoded and checked, so random base64 is not reported.',
  remediation: REVOKE_ML_CREDENTIAL,
  references: ['https://docs.neptune.ai/setup/setting_api_token/'],
  tags: ['neptune', 'experiment-tracking'],
  matchers: [
    {
      keywords: ['eyjhcglfywrkcmvzcyi6'],
      pattern: regex(`eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/_-]{20,2000}={0,2}`),
      window: [0, 2100],
      validate: ({ secret }) => {
        try {
          const v = JSON.parse(decodeBase64(secret)?.toString('utf8') ?? '') as Record<string, unknown>;
          return typeof v.api_key === 'string' && v.api_key.length > 8 ? { properties: { apiAddress: v.api_address } } : false;
        } catch {
          return false;
        }
      },
    },
  ],
  examples: {
    match: [
      `NEPTUNE_API_TOKEN="${sample.neptuneToken()}"`,
    ],
    noMatch: [
      // Decodes to JSON, but without an api_key.
      `NEPTUNE_API_TOKEN="${Buffer.from(JSON.stringify({ api_address: 'https://app.neptune.ai', api_url: 'https://app.neptune.ai' })).toString('base64')}"`,
    ],
  },
};
