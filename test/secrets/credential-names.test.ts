// The one judge of "does this variable name hold a credential?", used by container/secret-in-env-arg,
// image/secret-in-config and k8s/secret-in-env. Three judges used to disagree (DB_PASS, SECRET_KEY_BASE,
// ENCRYPTION_KEY); the rows name why each answer is right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeSecretName } from '../../src/knowledge/credential-names.js';
import { scanPaths } from '../../src/scan/scan-paths.js';
import { tmpTree } from '../helpers/tmp.js';
import * as t from './tokens.js';

const NAMES: Array<[name: string, credential: boolean, why: string]> = [
  ['HF_TOKEN', true, 'the token word last'],
  ['hf_token', true, 'case does not matter (Dockerfile ARGs are often lower case)'],
  ['DB_PASS', true, 'PASS is a common short form (the container judge said no)'],
  ['DB_PWD', true, 'PWD as a word after a qualifier'],
  ['SECRET_KEY_BASE', true, "Rails' master secret: BASE names the value, not something about it (the k8s judge said no)"],
  ['ENCRYPTION_KEY', true, 'a symmetric key (the image judge only knew API/ACCESS/PRIVATE keys)'],
  ['AIRFLOW__CORE__FERNET_KEY', true, 'double underscores are one separator'],
  ['KAGGLE_KEY', true, 'a provider-qualified key'],
  ['AWS_SECRET_ACCESS_KEY', true, 'the last credential word decides'],
  ['PIP_INDEX_URL_PASSWORD', true, 'URL before the credential word qualifies it; only what follows can make it harmless'],
  ['ID_TOKEN', true, 'an OIDC ID token is a bearer token'],
  ['NGROK_AUTHTOKEN', true, 'a compound word ending in TOKEN'],
  ['MYSQL_ROOTPASSWORD', true, 'a compound word ending in PASSWORD'],
  ['GPG_PASSPHRASE', true, 'a passphrase is a password'],
  ['ADMIN_PASSWORD_HASH', true, 'a password hash can be cracked offline'],
  ['API_KEY_2', true, 'a numbered credential'],
  ['HF_TOKEN_B64', true, 'the token, encoded'],
  ['spring.datasource.password', true, 'dotted property names'],
  ['CREDENTIALS', true, 'a credentials blob'],
  ['PASSWORD_FILE', false, 'a path to the password (the _FILE convention of official images)'],
  ['HF_TOKEN_PATH', false, 'a path'],
  ['TOKEN_URL', false, 'an OAuth endpoint'],
  ['AWS_ACCESS_KEY_ID', false, 'an identifier, public by design'],
  ['KEY_ID', false, 'an identifier'],
  ['PASSWORD_MIN_LENGTH', false, 'a policy about passwords'],
  ['SECRET_NAME', false, 'the name of a Secret object'],
  ['SECRET_ARN', false, 'a reference to a secret (the image and container judges said yes)'],
  ['TOKEN_ENV', false, 'the name of the variable that holds the token (the image judge said yes)'],
  ['GPG_KEY', false, 'official python/node images set it to public key fingerprints (the k8s judge said yes)'],
  ['GPG_KEYS', false, 'same, plural'],
  ['GPG_KEYSERVER', false, 'a host'],
  ['SSH_PUBLIC_KEY', false, 'public by definition'],
  ['NEXT_PUBLIC_SUPABASE_ANON_KEY', false, "Next.js ships NEXT_PUBLIC_* to browsers on purpose (the container judge said yes)"],
  ['KEY', false, 'a bare KEY says nothing about what it keys (the k8s judge said yes)'],
  ['CACHE_KEY', false, 'a lookup key (the container and k8s judges said yes)'],
  ['PWD', false, "the shell's working directory (the k8s judge said yes)"],
  ['OLDPWD', false, "the shell's previous directory"],
  ['GIT_ASKPASS', false, 'a path to a prompt program'],
  ['SSH_AUTH_SOCK', false, 'a socket path (the image judge said yes: AUTH anywhere)'],
  ['AUTH_ENABLED', false, 'a flag (the image judge said yes)'],
  ['BASIC_AUTH', false, 'AUTH names a mechanism as often as a credential (NO_AUTH, AUTH=oauth); only the image judge said yes'],
  ['GOOGLE_APPLICATION_CREDENTIALS', false, 'by definition the path to a credentials file (the image and k8s judges said yes)'],
  ['HF_HUB_DISABLE_IMPLICIT_TOKEN', false, 'a huggingface_hub boolean flag (all three judges said yes)'],
  ['MAX_TOKENS', false, 'LLM generation length'],
  ['MAX_NEW_TOKENS', false, 'LLM generation length'],
  ['TOKENIZERS_PARALLELISM', false, 'a Hugging Face tokenizers flag'],
  ['TOKENIZER_NAME', false, 'a model name'],
];

for (const [name, credential, why] of NAMES) {
  test(`${name} ${credential ? 'is' : 'is not'} a credential name: ${why}`, () => {
    assert.equal(looksLikeSecretName(name), credential);
  });
}

test('a Dockerfile and a Kubernetes manifest agree on DB_PASS, SECRET_KEY_BASE and ENCRYPTION_KEY', async () => {
  t.seed(5);
  const names = ['DB_PASS', 'SECRET_KEY_BASE', 'ENCRYPTION_KEY', 'PASSWORD_FILE'];
  const values = names.map(() => t.rand(24));
  const dockerfile = `FROM python:3.12\n${names.map((n, i) => `ENV ${n}=${values[i]}`).join('\n')}\n`;
  const env = names.map((n, i) => `        - name: ${n}\n          value: ${values[i]}`).join('\n');
  const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app@sha256:${'a'.repeat(64)}\n      env:\n${env}\n`;
  const tree = tmpTree({ Dockerfile: dockerfile, 'pod.yaml': pod });
  try {
    const { findings } = await scanPaths(['.'], { cwd: tree.dir });
    const named = (rule: string) => names.filter((n) => findings.some((f) => f.ruleId === rule && (f.evidence ?? f.message).includes(n)));
    assert.deepEqual(named('container/secret-in-env-arg'), names.slice(0, 3));
    assert.deepEqual(named('k8s/secret-in-env'), names.slice(0, 3));
  } finally {
    tree.cleanup();
  }
});
