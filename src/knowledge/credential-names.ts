// Which variable names hold credentials, and which values are real literals rather than references
// or placeholders. Name-based on purpose: format-based token detection belongs to the secrets rules.

/** Last name segments that mark a credential (`HF_TOKEN`, `WANDB_API_KEY`, `DB_PASSWORD`). */
const SECRET_SEGMENTS = new Set(['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PWD', 'KEY', 'APIKEY', 'CREDENTIALS', 'CREDENTIAL', 'PASS']);
/** Segments that make a matching name harmless (`*_KEY_ID`, `*_PUBLIC_KEY`, `*_TOKEN_URL`, `*_PASSWORD_FILE`). */
const NOT_SECRET = new Set(['PUBLIC', 'FILE', 'PATH', 'URL', 'URI', 'ID', 'NAME', 'TYPE', 'LENGTH', 'EXPIRY', 'TTL', 'HEADER', 'DIR']);

export function looksLikeSecretName(name: string): boolean {
  const segs = name.toUpperCase().split(/[_.-]+/).filter(Boolean);
  if (!segs.length || segs.some((s) => NOT_SECRET.has(s))) return false;
  const last = segs[segs.length - 1];
  return SECRET_SEGMENTS.has(last) || (segs.length >= 2 && SECRET_SEGMENTS.has(segs[segs.length - 2]) && /^\d+$/.test(last));
}

/** Literal values only: references (`$(VAR)`, `${VAR}`, `{{ .Values.x }}`), empty and boolean-ish values are not secrets. */
export function looksLikeLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return false;
  if (/^\$[({]?[A-Za-z_]/.test(v) || v.includes('{{') || (v.startsWith('<') && v.endsWith('>'))) return false;
  if (/^(true|false|yes|no|none|null|disabled|enabled)$/i.test(v)) return false;
  return true;
}
