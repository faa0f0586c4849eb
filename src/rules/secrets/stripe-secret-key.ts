import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_DEV_TOKEN } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'stripe-secret-key',
  title: 'Stripe live secret key',
  what: 'Stripe live API key',
  severity: 'critical',
  description: 'A Stripe live secret (`sk_live_`) or restricted (`rk_live_`) key: it moves real money (charges, refunds, payouts) and reads customer data.',
  remediation: `${REVOKE_DEV_TOKEN} Roll the key in the Stripe dashboard.`,
  references: ['https://docs.stripe.com/keys', 'https://docs.stripe.com/keys-best-practices'],
  tags: ['stripe', 'payments'],
  matchers: [
    {
      keywords: ['sk_live_', 'rk_live_'],
      pattern: regex(`${TOKEN_START}[sr]k_live_[A-Za-z0-9]{20,247}${TOKEN_END}`),
      window: [1, 260],
      validate: ({ secret }) => (hasLettersAndDigits(secret.slice(8)) ? (secret.startsWith('rk_') ? { severity: 'high', note: ' (restricted key)' } : true) : false),
    },
  ],
  examples: {
    match: [
      `STRIPE_KEY=sk_live_${sample.rand(24)}`,
    ],
    noMatch: [
      // Test mode moves no money.
      `STRIPE_KEY=sk_test_${sample.rand(24)}`,
      `STRIPE_KEY=sk_live_${sample.letters(24)}`,
    ],
  },
};
