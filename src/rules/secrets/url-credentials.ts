// The checks shared by the detectors of credentials embedded in URLs and .netrc entries: a password
// that is not a documentation default or a template, on a host that is not an example host.
import { isPlaceholder } from './validators.js';
import type { MatchInput } from './detector.js';

/** Passwords that documentation and defaults use; reporting them is noise. */
export const WEAK_DOC_PASSWORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'secret', 'changeme', 'user', 'username', 'admin', 'root', 'test', 'postgres', 'mysql', 'guest', 'token', 'xxx', 'mysecretpassword', 'hunter2', 'supersecret', 'foo', 'bar', 'p', 'pw', 'none', 'null', 'empty']);
const EXAMPLE_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|host|hostname|your[-_]?host|server|domain\.com)$/i;

export function credentialOk(user: string, password: string, host: string): boolean {
  if (password.length < 3 || WEAK_DOC_PASSWORDS.has(password.toLowerCase()) || isPlaceholder(password)) return false;
  if (/^[$%{<\[*]|^:/.test(password) || /^(?:user|username|login)$/i.test(user) && /^(?:pass|password)$/i.test(password)) return false;
  return !EXAMPLE_HOST.test(host.replace(/:\d+$/, ''));
}

export const urlCredentialCheck = ({ m, text, index }: MatchInput) => {
  const g = m.groups ?? {};
  if (!credentialOk(g.user ?? '', g.s ?? '', g.host ?? '')) return false;
  const line = text.slice(text.lastIndexOf('\n', index) + 1, text.indexOf('\n', index) === -1 ? undefined : text.indexOf('\n', index));
  return { properties: { scheme: g.scheme, host: g.host, user: g.user }, ...(/mlflow/i.test(line) ? { note: ' (MLflow tracking server)' } : {}) };
};

/** After `://`, a `user:password@` part must come before the first `/`, space or quote. */
export function credentialAfterScheme(text: string, at: number): boolean {
  let colon = false;
  for (let i = at + 3, end = Math.min(text.length, at + 200); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 /* @ */) return colon;
    if (c === 58 /* : */) colon = true;
    else if (c === 47 || c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96) return false;
  }
  return false;
}
