import { regex, type Detector } from './detector.js';
import { isJwt } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'jwt',
  title: 'JSON Web Token',
  what: 'JSON Web Token',
  severity: 'medium',
  description: 'A signed JSON Web Token (header decodes to JSON with `alg`). Bearer tokens like these (Kubernetes service-account tokens, Supabase keys, API session tokens) authenticate whoever presents them until they expire.',
  remediation: 'Revoke or let the token expire, rotate the signing key if it was a long-lived service token, and fetch tokens at run time instead of storing them.',
  references: ['https://datatracker.ietf.org/doc/html/rfc8725', 'https://kubernetes.io/docs/concepts/security/service-accounts/'],
  tags: ['jwt', 'bearer-token'],
  generic: true,
  matchers: [
    {
      keywords: ['eyj'],
      pattern: regex(`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{10,8000}\\.[A-Za-z0-9_-]{16,1000}(?![A-Za-z0-9_-])`),
      window: [1, 11000],
      validate: ({ secret }) => isJwt(secret),
    },
  ],
  examples: {
    match: [
      `Authorization: Bearer ${sample.jwt()}`,
    ],
    noMatch: [
      // The header has no `alg`.
      `x = "eyJub3RqdXN0Ijp0cnVlfQ.eyJhIjoxfQ.${sample.rand(20)}"`,
    ],
  },
};
