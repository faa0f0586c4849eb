// `.mlwardenignore.yaml`: reviewed exceptions, each with a reason and optionally an expiry.
//   - path: "data/raw/**"                 # path only: never scanned at all
//     reason: third-party dataset
//   - rule: secrets/aws-access-key        # rule (and/or fingerprint), optionally limited to paths
//     path: tests/fixtures/**
//     expires: 2027-06-30
//     reason: fake keys used by tests
import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import { ConfigError } from '../core/errors.js';
import { parseYamlConfig } from './yaml-config.js';
import type { Finding } from '../core/types.js';

export interface IgnoreEntry {
  rule?: string;
  path?: string;
  fingerprint?: string;
  expires?: string;
  reason?: string;
}

export interface IgnoreFile {
  file: string;
  entries: IgnoreEntry[];
  /** Globs of paths that are never scanned (entries with a path and nothing else). */
  excludedPaths: string[];
  warnings: string[];
}

const KEYS = new Set(['rule', 'path', 'fingerprint', 'expires', 'reason']);

export async function loadIgnoreFile(file: string, today = new Date()): Promise<IgnoreFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  const doc = parseYamlConfig(text, file);
  const list = doc === null || doc === undefined ? [] : Array.isArray(doc) ? doc : (doc as { ignore?: unknown }).ignore;
  if (!Array.isArray(list)) throw new ConfigError(`${file}: expected a list of entries (or 'ignore:' with a list)`);
  const entries: IgnoreEntry[] = [];
  const excludedPaths: string[] = [];
  const warnings: string[] = [];
  list.forEach((raw, i) => {
    const where = `${file}: entry ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where}: expected a mapping`);
    for (const k of Object.keys(raw)) if (!KEYS.has(k)) throw new ConfigError(`${where}: unknown key '${k}' (allowed: ${[...KEYS].join(', ')})`);
    const e = raw as Record<string, unknown>;
    for (const k of KEYS) if (e[k] !== undefined && typeof e[k] !== 'string' && !(k === 'expires' && e[k] instanceof Date)) throw new ConfigError(`${where}: '${k}' must be a string`);
    const entry: IgnoreEntry = { ...(e as IgnoreEntry) };
    if (e.expires instanceof Date) entry.expires = e.expires.toISOString().slice(0, 10);
    if (!entry.rule && !entry.path && !entry.fingerprint) throw new ConfigError(`${where}: needs at least one of rule, path, fingerprint`);
    if (entry.expires) {
      const d = new Date(entry.expires);
      if (Number.isNaN(d.getTime())) throw new ConfigError(`${where}: expires '${entry.expires}' is not a date (YYYY-MM-DD)`);
      if (d < today) {
        warnings.push(`${where} expired on ${entry.expires} and no longer applies`);
        return;
      }
    }
    if (entry.path && !entry.rule && !entry.fingerprint) excludedPaths.push(entry.path);
    else entries.push(entry);
  });
  return { file, entries, excludedPaths, warnings };
}

export function matchIgnore(ignores: IgnoreEntry[], f: Finding): IgnoreEntry | undefined {
  return ignores.find((e) => {
    if (e.fingerprint && e.fingerprint !== f.fingerprint) return false;
    if (e.rule && e.rule !== f.ruleId && !(e.rule.endsWith('/*') && f.ruleId.startsWith(e.rule.slice(0, -1)))) return false;
    if (e.path && !picomatch.isMatch(f.location.path, e.path, { dot: true }) && !picomatch.isMatch(`${f.location.path}!${f.location.innerPath ?? ''}`, e.path, { dot: true })) return false;
    return true;
  });
}
