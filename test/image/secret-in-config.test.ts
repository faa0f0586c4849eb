// image/secret-in-config judges names with the same judge as the Dockerfile and Kubernetes rules
// (knowledge/credential-names.ts); its check is run here on a config model, without an image file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/image/secret-in-config.js';
import type { ImageConfig } from '../../src/parsers/image/image-config.js';
import type { ReportInput, RuleContext } from '../../src/core/types.js';

function reported(env: string[], history: string[] = []): string[] {
  const cfg: ImageConfig = { user: '', env, entrypoint: [], cmd: [], labels: {}, history: history.map((created_by) => ({ created_by, empty_layer: true })), image: 'x' };
  const out: ReportInput[] = [];
  rule.check!(cfg, { report: (f: ReportInput) => out.push(f) } as unknown as RuleContext);
  return out.map((f) => f.location?.jsonPointer ?? '');
}

test('ENV credentials the three judges used to disagree on are reported; paths and ids are not', () => {
  const env = ['DB_PASS=Zq8xWv2Lk9Pp', 'SECRET_KEY_BASE=Zq8xWv2Lk9Pp', 'ENCRYPTION_KEY=Zq8xWv2Lk9Pp', 'PASSWORD_FILE=/run/secrets/db', 'AWS_ACCESS_KEY_ID=AKIAZQ8XWV2LK9PPAAAA', 'SSH_AUTH_SOCK=/tmp/agent.sock'];
  assert.deepEqual(reported(env), ['/config/Env/0', '/config/Env/1', '/config/Env/2']);
});

test('a build argument recorded in the history is judged by the same names', () => {
  assert.deepEqual(reported([], ['|2 KAGGLE_KEY=Zq8xWv2Lk9Pp TOKEN_URL=https://auth.corp.net/token /bin/sh -c make']), ['/history/0/created_by']);
});
