import { regex, type Detector } from './detector.js';
import { credentialAfterScheme, urlCredentialCheck } from './url-credentials.js';
import * as sample from './example-tokens.js';

const DB_SCHEMES = 'postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|redis|rediss|amqps?|mssql|sqlserver|clickhouse|cockroachdb|oracle|snowflake|neo4j(?:\\+s)?|bolt|cassandra|couchdb|elasticsearch|influxdb|kafka';

export const detector: Detector = {
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
      pattern: regex(`(?<![A-Za-z0-9+.-])(?<scheme>${DB_SCHEMES})(?:\\+[a-z0-9]{1,20})?://(?<user>[^\\s:/@"'<>\`]{0,64}):(?<s>[^\\s@"'<>\`/]{1,128})@(?<host>[A-Za-z0-9._-]{1,255}(?::[0-9]{1,5})?)`, 'gi'),
      window: [30, 480],
      near: credentialAfterScheme,
      allowPlaceholderWords: true,
      validate: urlCredentialCheck,
    },
  ],
  examples: {
    match: [
      `DATABASE_URL=postgresql://feature_store:${sample.rand(18)}@db.internal:5432/features`,
      `MONGO_URI="mongodb+srv://ml:${sample.rand(14)}@cluster0.abcde.mongodb.net/runs"`,
    ],
    noMatch: [
      'DATABASE_URL=postgresql://user:password@localhost:5432/db',
      'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
    ],
  },
};
