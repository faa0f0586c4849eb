// Which variable names hold credentials (the one judge for ENV/ARG in Dockerfiles, image configs and
// Kubernetes env), and which values are real literals rather than references or placeholders.
// Name-based on purpose: format-based token detection belongs to the secrets rules.
//
// A name is split into words at `_`, `.` and `-` and read from the end: the last credential word
// decides (`HF_TOKEN`, `DB_PASS`, `ENCRYPTION_KEY`), and what follows it must still describe the
// value itself (`SECRET_KEY_BASE`, `API_KEY_2`), not something about it (`PASSWORD_FILE` is a path,
// `TOKEN_URL` an endpoint, `ACCESS_KEY_ID` an identifier, `PASSWORD_MIN_LENGTH` a policy).

/** Whole words that mark a credential. */
const CREDENTIAL_WORDS = new Set(['PASS', 'PWD', 'KEY', 'CREDENTIAL', 'CREDENTIALS']);
/** Words that mark a credential also at the end of a compound word (`NGROK_AUTHTOKEN`, `DBPASSWORD`, `CLIENTSECRET`). */
const CREDENTIAL_ENDINGS = ['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'APIKEY', 'ACCESSKEY', 'SECRETKEY', 'PRIVATEKEY'];
/** Words after the credential word that still name the credential's value (Rails' `SECRET_KEY_BASE`, `GCP_CREDENTIALS_JSON`; a password hash can be cracked offline). */
const VALUE_WORDS = new Set(['BASE', 'BASE64', 'B64', 'VALUE', 'JSON', 'HASH']);
/** Words before it that make the credential public by design (`SSH_PUBLIC_KEY`, Next.js' `NEXT_PUBLIC_*`, sent to browsers). */
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUB']);
/**
 * Kinds of `*_KEY` that are lookup keys, not secrets (`CACHE_KEY`, an S3 `OBJECT_KEY`, a DynamoDB
 * `PARTITION_KEY`). A bare `KEY` says nothing about what it is, so it needs a qualifier.
 */
const LOOKUP_KEY_KINDS = new Set(['CACHE', 'OBJECT', 'SORT', 'PARTITION', 'ROUTING', 'IDEMPOTENCY', 'FOREIGN', 'LOOKUP']);
/**
 * Names whose shape says credential but whose value, by their tool's definition, is not one:
 * the GPG key fingerprints official python/node images set, the path to a Google credentials file,
 * a Hugging Face boolean flag, the shell's working directory.
 */
const KNOWN_NOT_CREDENTIALS = new Set(['GPG_KEY', 'GPG_KEYS', 'GOOGLE_APPLICATION_CREDENTIALS', 'HF_HUB_DISABLE_IMPLICIT_TOKEN', 'PWD']);

function isCredentialWord(word: string): boolean {
  return CREDENTIAL_WORDS.has(word) || CREDENTIAL_ENDINGS.some((e) => word.endsWith(e));
}

export function looksLikeSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (KNOWN_NOT_CREDENTIALS.has(upper)) return false;
  const words = upper.split(/[_.-]+/).filter(Boolean);
  let at = words.length - 1;
  while (at >= 0 && (VALUE_WORDS.has(words[at]) || /^\d+$/.test(words[at]))) at--;
  if (at < 0 || !isCredentialWord(words[at])) return false;
  const before = words.slice(0, at);
  if (before.some((w) => PUBLIC_WORDS.has(w))) return false;
  if (words[at] === 'KEY' && (before.length === 0 || LOOKUP_KEY_KINDS.has(before[before.length - 1]))) return false;
  return true;
}

/** Literal values only: references (`$(VAR)`, `${VAR}`, `{{ .Values.x }}`), empty and boolean-ish values are not secrets. */
export function looksLikeLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return false;
  if (/^\$[({]?[A-Za-z_]/.test(v) || v.includes('{{') || (v.startsWith('<') && v.endsWith('>'))) return false;
  if (/^(true|false|yes|no|none|null|disabled|enabled)$/i.test(v)) return false;
  return true;
}
