import { regex, type Detector } from './detector.js';
import { credentialOk } from './url-credentials.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'netrc-credentials',
  title: 'Password in a .netrc entry',
  what: '.netrc password',
  severity: 'high',
  description: 'A `.netrc` `machine … login … password …` entry. curl, git, pip, requests and the W&B client read it automatically, so it is a working credential for that host.',
  remediation: 'Change the password or token for that host; keep ~/.netrc out of repositories and images (mode 600, home directory only).',
  references: ['https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html'],
  tags: ['netrc'],
  generic: true,
  matchers: [
    {
      keywords: ['machine'],
      pattern: regex(`(?<![A-Za-z0-9_])machine\\s{1,20}(?<host>[^\\s]{1,253})\\s{1,20}login\\s{1,20}(?<user>[^\\s]{1,256})\\s{1,20}password\\s{1,20}(?<s>[^\\s]{1,256})`),
      window: [1, 900],
      allowPlaceholderWords: true,
      validate: ({ m }) => credentialOk(m.groups?.user ?? '', m.groups?.s ?? '', m.groups?.host ?? '') && { properties: { host: m.groups?.host } },
    },
  ],
  examples: {
    match: [
      { text: `machine artifacts.corp.net login ci password ${sample.rand(20)}\n`, file: '.netrc' },
    ],
    noMatch: [
      { text: 'machine example.com login user password secret\n', file: '.netrc' },
      { text: 'machine artifacts.corp.net login ci password $NETRC_PASSWORD\n', file: '.netrc' },
    ],
  },
};
