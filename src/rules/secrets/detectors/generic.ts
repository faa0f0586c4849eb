// Formats that are not tied to one provider: private keys, JWTs, credentials embedded in URLs and
// connection strings, presigned URLs, .netrc entries. Each still needs structure (a DER body, a JSON
// header, a password that is not a template) and yields to a provider-specific detector.
import { assignment, type Detector, type MatchInput } from '../detector.js';
import { isJwt, isPlaceholder, pemBodyDecodes } from '../validators.js';

const re = (s: string, f = 'g') => new RegExp(s, f);
/** Passwords that documentation and defaults use; reporting them is noise. */
const WEAK_DOC_PASSWORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'secret', 'changeme', 'user', 'username', 'admin', 'root', 'test', 'postgres', 'mysql', 'guest', 'token', 'xxx', 'mysecretpassword', 'hunter2', 'supersecret', 'foo', 'bar', 'p', 'pw', 'none', 'null', 'empty']);
const EXAMPLE_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|host|hostname|your[-_]?host|server|domain\.com)$/i;

function credentialOk(user: string, password: string, host: string): boolean {
  if (password.length < 3 || WEAK_DOC_PASSWORDS.has(password.toLowerCase()) || isPlaceholder(password)) return false;
  if (/^[$%{<\[*]|^:/.test(password) || /^(?:user|username|login)$/i.test(user) && /^(?:pass|password)$/i.test(password)) return false;
  return !EXAMPLE_HOST.test(host.replace(/:\d+$/, ''));
}

const urlCredentialCheck = ({ m, text, index }: MatchInput) => {
  const g = m.groups ?? {};
  if (!credentialOk(g.user ?? '', g.s ?? '', g.host ?? '')) return false;
  const line = text.slice(text.lastIndexOf('\n', index) + 1, text.indexOf('\n', index) === -1 ? undefined : text.indexOf('\n', index));
  return { properties: { scheme: g.scheme, host: g.host, user: g.user }, ...(/mlflow/i.test(line) ? { note: ' (MLflow tracking server)' } : {}) };
};

/** After `://`, a `user:password@` part must come before the first `/`, space or quote. */
function credentialAfterScheme(text: string, at: number): boolean {
  let colon = false;
  for (let i = at + 3, end = Math.min(text.length, at + 200); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 /* @ */) return colon;
    if (c === 58 /* : */) colon = true;
    else if (c === 47 || c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96) return false;
  }
  return false;
}

const DB_SCHEMES = 'postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|redis|rediss|amqps?|mssql|sqlserver|clickhouse|cockroachdb|oracle|snowflake|neo4j(?:\\+s)?|bolt|cassandra|couchdb|elasticsearch|influxdb|kafka';

export const GENERIC_DETECTORS: Detector[] = [
  {
    id: 'private-key',
    title: 'Private key',
    what: 'PEM private key',
    severity: 'high',
    description: 'A PEM private key (RSA, EC, DSA, PKCS#8, OpenSSH). The body is decoded and must be DER (or the OpenSSH key format), so documentation stubs are not reported. Whoever holds it can impersonate the server, sign as the user, or log in over SSH.',
    remediation: 'Treat the key as compromised: revoke any certificate, remove the public key from authorized_keys / cloud accounts, generate a new key pair, and keep private keys in a secret store or mounted at run time.',
    references: ['https://cwe.mitre.org/data/definitions/321.html', 'https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf'],
    tags: ['private-key', 'crypto'],
    generic: true,
    matchers: [
      {
        keywords: ['-----begin'],
        // The body class has no '-', so a match attempt ends at the next dash: linear even on thousands of headers.
        pattern: re(`-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:\\s{0,4}Proc-Type:[^\\n]{0,80}\\s{1,4}DEK-Info:[^\\n]{0,120})?[A-Za-z0-9+/=\\\\\\s]{64,20000}-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----`),
        window: [0, 20100],
        allowPlaceholderWords: true,
        validate: ({ secret }) => pemBodyDecodes(secret),
      },
    ],
  },
  {
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
        pattern: re(`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{10,8000}\\.[A-Za-z0-9_-]{16,1000}(?![A-Za-z0-9_-])`),
        window: [1, 11000],
        validate: ({ secret }) => isJwt(secret),
      },
    ],
  },
  {
    id: 'database-url',
    title: 'Database connection string with a password',
    what: 'Database password in a connection URL',
    severity: 'high',
    description: 'A database or message-broker URL with an embedded password (`postgresql://user:password@host/db`, `mongodb+srv://…`, `redis://:password@…`). Feature stores, vector databases and experiment metadata stores are often reachable with it.',
    remediation: 'Change the database password, then pass credentials through environment variables or a secret manager (and an IAM/workload identity where the database supports it).',
    references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING'],
    tags: ['database'],
    generic: true,
    matchers: [
      {
        keywords: ['://'],
        pattern: re(`(?<![A-Za-z0-9+.-])(?<scheme>${DB_SCHEMES})(?:\\+[a-z0-9]{1,20})?://(?<user>[^\\s:/@"'<>\`]{0,64}):(?<s>[^\\s@"'<>\`/]{1,128})@(?<host>[A-Za-z0-9._-]{1,255}(?::[0-9]{1,5})?)`, 'gi'),
        window: [30, 480],
        near: credentialAfterScheme,
        allowPlaceholderWords: true,
        validate: urlCredentialCheck,
      },
    ],
  },
  {
    id: 'url-basic-auth',
    title: 'HTTP URL with embedded credentials',
    what: 'Password in an HTTP(S) URL',
    severity: 'high',
    description: 'An HTTP(S) URL with `user:password@` (MLflow tracking URIs, private package indexes, artifact stores, Git remotes). The password travels in every log line and process listing that prints the URL.',
    remediation: 'Change the password or token, and pass it separately (MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD, pip keyring, git credential helper) rather than inside the URL.',
    references: ['https://mlflow.org/docs/latest/auth/index.html', 'https://cwe.mitre.org/data/definitions/598.html'],
    tags: ['url', 'basic-auth'],
    generic: true,
    matchers: [
      {
        keywords: ['://'],
        pattern: re(`(?<![A-Za-z0-9+.-])(?<scheme>https?|ftp|git\\+https|wss?)://(?<user>[^\\s:/@"'<>\`]{1,64}):(?<s>[^\\s@"'<>\`/]{1,128})@(?<host>[A-Za-z0-9._-]{1,255}(?::[0-9]{1,5})?)`, 'gi'),
        window: [12, 480],
        near: credentialAfterScheme,
        allowPlaceholderWords: true,
        validate: urlCredentialCheck,
      },
    ],
  },
  {
    id: 'mlflow-tracking-credentials',
    title: 'MLflow tracking server credentials',
    what: 'MLflow tracking server password',
    severity: 'high',
    description: 'A password or token for an MLflow tracking server (`MLFLOW_TRACKING_PASSWORD`, `MLFLOW_TRACKING_TOKEN`). It reads and writes experiments, runs and the model registry; registered models are loaded by serving jobs, so write access is a path to code execution.',
    remediation: 'Change the password or token on the tracking server and provide it at run time from a secret store.',
    references: ['https://mlflow.org/docs/latest/auth/index.html', 'https://mlflow.org/docs/latest/tracking/server.html'],
    tags: ['mlflow', 'experiment-tracking'],
    matchers: [
      {
        keywords: ['mlflow_tracking_password', 'mlflow_tracking_token'],
        pattern: assignment('mlflow_tracking_(?:password|token)', '[^\\s"\'`]{6,256}'),
        window: [1, 300],
        validate: ({ secret }) => !WEAK_DOC_PASSWORDS.has(secret.toLowerCase()) && !/^[$%{<]/.test(secret),
      },
    ],
  },
  {
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
        pattern: re(`X-Amz-Signature=(?<s>[0-9a-f]{64})`, 'gi'),
        window: [1, 90],
        validate: ({ text, index }) => {
          const url = text.slice(Math.max(0, text.lastIndexOf('http', index)), index);
          if (url.length > 4000 || !/X-Amz-Credential=(?:AKIA|ASIA)[A-Z2-7]{16}(?:%2F|\/)/i.test(url)) return false;
          const expires = Number(/X-Amz-Expires=([0-9]{1,7})/i.exec(url)?.[1]);
          return { properties: Number.isFinite(expires) ? { expiresSeconds: expires } : {}, severity: /X-Amz-Credential=AKIA/i.test(url) && expires > 86400 ? 'high' : undefined };
        },
      },
    ],
  },
  {
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
        pattern: re(`(?<![A-Za-z0-9_])machine\\s{1,20}(?<host>[^\\s]{1,253})\\s{1,20}login\\s{1,20}(?<user>[^\\s]{1,256})\\s{1,20}password\\s{1,20}(?<s>[^\\s]{1,256})`),
        window: [1, 900],
        allowPlaceholderWords: true,
        validate: ({ m }) => credentialOk(m.groups?.user ?? '', m.groups?.s ?? '', m.groups?.host ?? '') && { properties: { host: m.groups?.host } },
      },
    ],
  },
];
