import { regex, type Detector } from './detector.js';
import { decodeBase64, isPlaceholder } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
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
      pattern: regex(`"auth"\\s{0,4}:\\s{0,4}"(?<s>[A-Za-z0-9+/]{8,1024}={0,2})"`),
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
  examples: {
    match: [
      { text: JSON.stringify({ auths: { 'nvcr.io': { auth: Buffer.from(`$oauthtoken:${sample.rand(40)}`).toString('base64') } } }, null, 2), file: 'config.json' },
    ],
    noMatch: [
      // A password too short to be a real one.
      { text: JSON.stringify({ auths: { 'registry.corp.net': { auth: Buffer.from('ci:abc').toString('base64') } } }, null, 2), file: 'config.json' },
      // No user:password pair inside.
      { text: JSON.stringify({ auths: { 'registry.corp.net': { auth: Buffer.from(sample.rand(24)).toString('base64') } } }, null, 2), file: 'config.json' },
    ],
  },
};
