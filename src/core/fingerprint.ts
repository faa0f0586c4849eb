import { createHash } from 'node:crypto';

/**
 * Fingerprints identify "the same problem" across runs and edits, so baselines survive reformatting:
 * rule + file + path inside it + a rule-chosen key (the secret's hash, the global's name, ...).
 * Line numbers are deliberately left out.
 */
export function fingerprint(ruleId: string, path: string, innerPath: string | undefined, key: string): string {
  return createHash('sha256')
    .update(`${ruleId}\0${path}\0${innerPath ?? ''}\0${key}`)
    .digest('hex')
    .slice(0, 32);
}

export function sha256Hex(s: string | Buffer): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Shows enough of a secret to recognise it, never enough to use it. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '*'.repeat(secret.length);
  const keep = Math.min(4, Math.floor(secret.length / 6));
  return `${secret.slice(0, keep)}${'*'.repeat(Math.min(secret.length - 2 * keep, 20))}${secret.slice(-keep)}`;
}
