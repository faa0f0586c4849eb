import { regex, TOKEN_END, type Detector } from './detector.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'slack-webhook-url',
  title: 'Slack incoming webhook URL',
  what: 'Slack webhook URL',
  severity: 'medium',
  description: 'A Slack incoming-webhook or workflow URL: anyone holding it can post messages (phishing links, fake alerts) into the channel.',
  remediation: 'Regenerate the webhook in the Slack app settings and keep the URL in a secret store.',
  references: ['https://api.slack.com/messaging/webhooks'],
  tags: ['slack'],
  matchers: [
    {
      keywords: ['hooks.slack.com/'],
      pattern: regex(`hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<s>T[A-Z0-9]{6,12}/[A-Z0-9]{6,14}/[A-Za-z0-9]{16,40})${TOKEN_END}`),
      window: [0, 110],
    },
  ],
  examples: {
    match: [
      `url = "https://hooks.slack.com/services/T${sample.rand(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${sample.rand(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${sample.rand(24)}"`,
    ],
    noMatch: [
      // The placeholder Slack's documentation uses.
      'url = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"',
    ],
  },
};
