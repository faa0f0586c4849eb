// Synthetic, well-formed (but never issued) credentials for the detectors' examples and the tests, from
// a seeded generator so runs are deterministic. They are assembled at run time so that no live-looking
// token sits in the source (GitHub push protection and other scanners would flag it). Checksummed
// formats get a correct checksum; `badChecksum` breaks it on purpose.
import { createHash } from 'node:crypto';
import { base62Encode, crc32 } from './validators.js';

let state = 0x9e3779b9;
function rnd(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x100000000;
}
export function seed(n: number): void {
  state = n >>> 0 || 1;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';

/** Random string over `alphabet`, re-drawn until it mixes classes and avoids placeholder-like runs. */
export function rand(n: number, alphabet = ALNUM): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    const lower = s.toLowerCase();
    const bad = /(.)\1{3,}/.test(lower) || /xxxx|fake|test|example|dummy|sample|insert|replace|your|redact|change|mykey/.test(lower);
    // Every character class the alphabet offers shows up at least twice (like a random token).
    const ok = [/[0-9]/g, /[A-Z]/g, /[a-z]/g].every((c) => !(alphabet.match(c)?.length) || (s.match(c)?.length ?? 0) >= 2);
    if (ok && !bad) return s;
  }
}
export const hex = (n: number) => rand(n, HEX);
export const letters = (n: number) => rand(n, LETTERS);
export const b64 = (n: number) => rand(n, B64);

function withCrc(prefix: string): string {
  const body = rand(30);
  return `${prefix}${body}${base62Encode(crc32(body), 6)}`;
}
export const githubToken = (kind = 'p') => withCrc(`gh${kind}_`);
export const npmToken = () => withCrc('npm_');
/** Same shape, checksum off by one character. */
export function badChecksum(token: string): string {
  const last = token.at(-1)!;
  return token.slice(0, -1) + (last === 'a' ? 'b' : 'a');
}

export const hfToken = () => `hf_${letters(34)}`;
export const awsKeyId = (prefix = 'AKIA') => `${prefix}${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
export const awsSecret = () => rand(40, B64);
export const openaiProject = () => `sk-proj-${rand(74)}T3BlbkFJ${rand(74)}`;
export const openaiLegacy = () => `sk-${rand(20)}T3BlbkFJ${rand(20)}`;
export const openaiAdmin = () => `sk-admin-${rand(58)}T3BlbkFJ${rand(58)}`;
export const anthropic = () => `sk-ant-api03-${rand(93, ALNUM + '_-')}AA`;
export const anthropicAdmin = () => `sk-ant-admin01-${rand(93, ALNUM + '_-')}AA`;

export function jwt(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: rand(12), iat: 1700000000 })}.${Buffer.from(createHash('sha256').update(rand(10)).digest()).toString('base64url')}`;
}

/** A syntactically valid PKCS#8 RSA private key (DER SEQUENCE) with random contents. */
export function pemKey(label = 'PRIVATE KEY'): string {
  const body = Buffer.concat([Buffer.from([0x30, 0x82, 0x04, 0xbd, 0x02, 0x01, 0x00]), Buffer.from(rand(600), 'latin1')]).toString('base64');
  const lines = body.match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

export function neptuneToken(): string {
  return Buffer.from(JSON.stringify({ api_address: 'https://app.neptune.ai', api_url: 'https://app.neptune.ai', api_key: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` })).toString('base64');
}

export const digits = (n: number) => rand(n, '0123456789');
export const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
