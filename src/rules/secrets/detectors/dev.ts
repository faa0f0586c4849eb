// Developer platform credentials that ML repositories and images leak alongside model keys: source
// hosting, package registries, chat webhooks, payments, container registries. GitHub and npm tokens
// carry a CRC32 checksum, so only well-formed tokens are reported.
import type { Detector } from '../detector.js';
import { decodeBase64, hasBase62Crc, hasLettersAndDigits, isPlaceholder } from '../validators.js';

const REVOKE = 'Revoke the token now (assume it was copied) and issue a new one with the narrowest scope and an expiry; load it at run time from a secret store. Remove it from git history and from image layers (a later `rm` does not remove it from the earlier layer).';
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';
const re = (s: string, f = 'g') => new RegExp(s, f);

export const DEV_DETECTORS: Detector[] = [
  {
    id: 'github-token',
    title: 'GitHub token',
    what: 'GitHub token',
    severity: 'high',
    description: 'A GitHub personal access, OAuth, user-to-server, server-to-server or refresh token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`; CRC32 checksum verified) or a fine-grained personal access token (`github_pat_`). It can read private repositories and, with write scope, push code or workflow changes.',
    remediation: REVOKE,
    references: ['https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/', 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation'],
    tags: ['github', 'scm'],
    matchers: [
      { keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: re(`${B}gh[pousr]_[A-Za-z0-9]{36}${E}`), window: [1, 45], validate: ({ secret }) => hasBase62Crc(secret.slice(4)) },
      { keywords: ['github_pat_'], pattern: re(`${B}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${E}`), window: [1, 95], validate: ({ secret }) => hasLettersAndDigits(secret.slice(11)) },
    ],
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    what: 'npm access token',
    severity: 'high',
    description: 'An npm access token (`npm_`, CRC32 checksum verified). A publish-capable token lets an attacker ship a malicious version of every package the owner maintains.',
    remediation: `${REVOKE} Prefer granular, read-only tokens in CI and trusted publishing (OIDC) for releases.`,
    references: ['https://github.blog/security/announcing-npms-new-access-token-format/', 'https://docs.npmjs.com/about-access-tokens'],
    tags: ['npm', 'supply-chain'],
    matchers: [{ keywords: ['npm_'], pattern: re(`${B}npm_[A-Za-z0-9]{36}${E}`), window: [1, 45], validate: ({ secret }) => hasBase62Crc(secret.slice(4)) }],
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    what: 'Slack token',
    severity: 'high',
    description: 'A Slack bot, user, app or refresh token (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxe-`, `xapp-`). It reads and posts in the workspace as the bot or user, including private channels it is in.',
    remediation: REVOKE,
    references: ['https://api.slack.com/authentication/token-types', 'https://api.slack.com/authentication/best-practices'],
    tags: ['slack'],
    matchers: [
      { keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'], pattern: re(`${B}xox[bpars]-[0-9]{8,14}-[0-9A-Za-z-]{10,200}${E}`), window: [1, 220], validate: ({ secret }) => hasLettersAndDigits(secret.slice(5)) },
      { keywords: ['xoxe.xox', 'xoxe-'], pattern: re(`${B}xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{40,200}${E}`), window: [1, 220] },
      { keywords: ['xapp-'], pattern: re(`${B}xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[a-f0-9]{40,80}${E}`), window: [1, 130] },
    ],
  },
  {
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
        pattern: re(`hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<s>T[A-Z0-9]{6,12}/[A-Z0-9]{6,14}/[A-Za-z0-9]{16,40})${E}`),
        window: [0, 110],
      },
    ],
  },
  {
    id: 'stripe-secret-key',
    title: 'Stripe live secret key',
    what: 'Stripe live API key',
    severity: 'critical',
    description: 'A Stripe live secret (`sk_live_`) or restricted (`rk_live_`) key: it moves real money (charges, refunds, payouts) and reads customer data.',
    remediation: `${REVOKE} Roll the key in the Stripe dashboard.`,
    references: ['https://docs.stripe.com/keys', 'https://docs.stripe.com/keys-best-practices'],
    tags: ['stripe', 'payments'],
    matchers: [
      {
        keywords: ['sk_live_', 'rk_live_'],
        pattern: re(`${B}[sr]k_live_[A-Za-z0-9]{20,247}${E}`),
        window: [1, 260],
        validate: ({ secret }) => (hasLettersAndDigits(secret.slice(8)) ? (secret.startsWith('rk_') ? { severity: 'high', note: ' (restricted key)' } : true) : false),
      },
    ],
  },
  {
    id: 'docker-registry-auth',
    title: 'Container registry credentials (docker config auth)',
    what: 'Container registry credentials',
    severity: 'high',
    description: 'A docker `config.json` (or Kubernetes `.dockerconfigjson`) `auths` entry whose `auth` is base64 of `user:password`. It pulls, and usually pushes, the registry\'s images: a pushed image is code that runs in every cluster that pulls it.',
    remediation: 'Revoke the password or token at the registry, then use a credential helper (`credsStore`) or short-lived tokens; never bake ~/.docker/config.json into an image or commit it.',
    references: ['https://docs.docker.com/reference/cli/docker/login/#credential-stores', 'https://kubernetes.io/docs/concepts/configuration/secret/#docker-config-secrets'],
    tags: ['docker', 'registry'],
    matchers: [
      {
        keywords: ['"auth"'],
        pattern: re(`"auth"\\s{0,4}:\\s{0,4}"(?<s>[A-Za-z0-9+/]{8,1024}={0,2})"`),
        window: [1, 1050],
        allowPlaceholderWords: true,
        validate: ({ secret, text, index }) => {
          const pair = decodeBase64(secret)?.toString('utf8') ?? '';
          const colon = pair.indexOf(':');
          if (colon < 1) return false;
          const password = pair.slice(colon + 1);
          if (password.length < 6 || isPlaceholder(password) || /[\x00-\x1f]/.test(pair)) return false;
          const registry = /"([^"\s]{1,200})"\s{0,4}:\s{0,4}\{[^{}]{0,200}$/.exec(text.slice(Math.max(0, index - 240), index))?.[1];
          return { properties: { username: pair.slice(0, colon), ...(registry ? { registry } : {}) } };
        },
      },
    ],
  },
];
