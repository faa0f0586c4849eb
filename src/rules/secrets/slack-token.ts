import { regex, TOKEN_END, TOKEN_START, type Detector } from './detector.js';
import { REVOKE_DEV_TOKEN } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'slack-token',
  title: 'Slack token',
  what: 'Slack token',
  severity: 'high',
  description: 'A Slack bot, user, app or refresh token (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxe-`, `xapp-`). It reads and posts in the workspace as the bot or user, including private channels it is in.',
  remediation: REVOKE_DEV_TOKEN,
  references: ['https://api.slack.com/authentication/token-types', 'https://api.slack.com/authentication/best-practices'],
  tags: ['slack'],
  matchers: [
    { keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'], pattern: regex(`${TOKEN_START}xox[bpars]-[0-9]{8,14}-[0-9A-Za-z-]{10,200}${TOKEN_END}`), window: [1, 220], validate: ({ secret }) => hasLettersAndDigits(secret.slice(5)) },
    { keywords: ['xoxe.xox', 'xoxe-'], pattern: regex(`${TOKEN_START}xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{40,200}${TOKEN_END}`), window: [1, 220] },
    { keywords: ['xapp-'], pattern: regex(`${TOKEN_START}xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[a-f0-9]{40,80}${TOKEN_END}`), window: [1, 130] },
  ],
  examples: {
    match: [
      `SLACK_BOT_TOKEN=xoxb-${sample.digits(10)}-${sample.rand(24)}`,
      `SLACK_APP_TOKEN=xapp-1-A${sample.rand(10, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-${sample.digits(13)}-${sample.hex(64)}`,
    ],
    noMatch: [
      'SLACK_BOT_TOKEN=xoxb-your-token-here',
      `SLACK_BOT_TOKEN=xoxb-${sample.digits(4)}-${sample.rand(24)}`,
    ],
  },
};
