// mlwarden.config.yaml: found by walking up from the scan root (or --config), validated with
// readable errors, then merged: flags > MLWARDEN_* environment > file > defaults.
// Data only: a security tool must never execute its configuration.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { isSeverity } from '../core/severity.js';
import { parseSize } from '../core/limits.js';
import { parseYamlConfig } from './yaml-config.js';
import type { Limits, Severity } from '../core/types.js';

export const CONFIG_FILE = 'mlwarden.config.yaml';

export interface Config {
  severity?: Severity;
  failOn?: Severity | 'none';
  format?: string[];
  output?: string;
  include?: string[];
  exclude?: string[];
  gitignore?: boolean;
  mask?: boolean;
  hash?: boolean;
  baseline?: string;
  limits?: Partial<Limits>;
  rules?: { disable?: string[]; severity?: Record<string, Severity> };
  /** 'auto': cap configuration findings in test/example/archived/vendored folders; 'production': judge all as deployed. */
  context?: 'auto' | 'production';
}

const LIMIT_KEYS: Record<keyof Limits, 'size' | 'int'> = {
  maxEntryBytes: 'size',
  maxArchiveDepth: 'int',
  maxArchiveMembers: 'int',
  maxArchiveTotalBytes: 'size',
  maxCompressionRatio: 'int',
  maxEntryMillis: 'int',
};

function fail(file: string, path: string, why: string): never {
  throw new ConfigError(`${file}: ${path}: ${why}`);
}

function stringList(v: unknown, file: string, path: string): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  fail(file, path, 'expected a string or a list of strings');
}

function bool(v: unknown, file: string, path: string): boolean {
  if (typeof v !== 'boolean') fail(file, path, 'expected true or false');
  return v;
}

/** Validates a parsed config object; `file` names the source in errors. */
export function validateConfig(raw: unknown, file: string): Config {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(file, '(top)', 'expected a mapping');
  const cfg: Config = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    switch (k) {
      case 'severity':
        if (!isSeverity(v)) fail(file, k, `'${v}' is not one of critical, high, medium, low, info`);
        cfg.severity = v;
        break;
      case 'failOn':
      case 'fail-on':
        if (!isSeverity(v) && v !== 'none') fail(file, k, `'${v}' is not one of critical, high, medium, low, info, none`);
        cfg.failOn = v as Severity | 'none';
        break;
      case 'format':
        cfg.format = stringList(v, file, k);
        break;
      case 'output':
      case 'baseline':
        if (typeof v !== 'string') fail(file, k, 'expected a path');
        cfg[k] = resolve(dirname(file), v);
        break;
      case 'include':
      case 'exclude':
        cfg[k] = stringList(v, file, k);
        break;
      case 'gitignore':
      case 'mask':
      case 'hash':
        cfg[k] = bool(v, file, k);
        break;
      case 'context':
        if (v !== 'auto' && v !== 'production') fail(file, k, `'${v}' is not one of auto, production`);
        cfg.context = v;
        break;
      case 'limits': {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(file, k, 'expected a mapping');
        cfg.limits = {};
        for (const [lk, lv] of Object.entries(v)) {
          const kind = LIMIT_KEYS[lk as keyof Limits];
          if (!kind) fail(file, `limits.${lk}`, `unknown limit (known: ${Object.keys(LIMIT_KEYS).join(', ')})`);
          const n = kind === 'size' ? parseSize(lv) : typeof lv === 'number' && Number.isInteger(lv) && lv > 0 ? lv : undefined;
          if (n === undefined || n <= 0) fail(file, `limits.${lk}`, kind === 'size' ? `'${lv}' is not a size (e.g. 512MiB)` : `'${lv}' is not a positive integer`);
          cfg.limits[lk as keyof Limits] = n;
        }
        break;
      }
      case 'rules': {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(file, k, 'expected a mapping with disable and/or severity');
        cfg.rules = {};
        for (const [rk, rv] of Object.entries(v)) {
          if (rk === 'disable') cfg.rules.disable = stringList(rv, file, 'rules.disable');
          else if (rk === 'severity') {
            if (typeof rv !== 'object' || rv === null || Array.isArray(rv)) fail(file, 'rules.severity', 'expected a mapping of rule id to severity');
            for (const [id, s] of Object.entries(rv)) if (!isSeverity(s)) fail(file, `rules.severity.${id}`, `'${s}' is not a severity`);
            cfg.rules.severity = rv as Record<string, Severity>;
          } else fail(file, `rules.${rk}`, 'unknown key (allowed: disable, severity)');
        }
        break;
      }
      default:
        fail(file, k, 'unknown key');
    }
  }
  return cfg;
}

/** The nearest mlwarden.config.yaml at or above `start`. */
export function discoverConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const f = join(dir, CONFIG_FILE);
    if (existsSync(f)) return f;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export async function loadConfigFile(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  return validateConfig(parseYamlConfig(text, file), file);
}

const truthy = (v: string) => /^(1|true|yes|on)$/i.test(v);

/** MLWARDEN_* variables as a Config layer. */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const raw: Record<string, unknown> = {};
  const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.MLWARDEN_SEVERITY) raw.severity = env.MLWARDEN_SEVERITY.toLowerCase();
  if (env.MLWARDEN_FAIL_ON) raw.failOn = env.MLWARDEN_FAIL_ON.toLowerCase();
  if (env.MLWARDEN_FORMAT) raw.format = list(env.MLWARDEN_FORMAT);
  if (env.MLWARDEN_INCLUDE) raw.include = list(env.MLWARDEN_INCLUDE);
  if (env.MLWARDEN_EXCLUDE) raw.exclude = list(env.MLWARDEN_EXCLUDE);
  if (env.MLWARDEN_NO_MASK) raw.mask = !truthy(env.MLWARDEN_NO_MASK);
  if (env.MLWARDEN_HASH) raw.hash = truthy(env.MLWARDEN_HASH);
  if (env.MLWARDEN_NO_GITIGNORE) raw.gitignore = !truthy(env.MLWARDEN_NO_GITIGNORE);
  if (env.MLWARDEN_CONTEXT) raw.context = env.MLWARDEN_CONTEXT.toLowerCase();
  const cfg = validateConfig(raw, 'environment (MLWARDEN_*)');
  if (env.MLWARDEN_BASELINE) cfg.baseline = resolve(env.MLWARDEN_BASELINE);
  if (env.MLWARDEN_OUTPUT) cfg.output = resolve(env.MLWARDEN_OUTPUT);
  return cfg;
}

/** Later layers win; nested `limits` and `rules` merge key by key. */
export function mergeConfig(...layers: Config[]): Config {
  const out: Config = {};
  for (const l of layers) {
    for (const [k, v] of Object.entries(l)) {
      if (v === undefined) continue;
      if (k === 'limits') out.limits = { ...out.limits, ...(v as Partial<Limits>) };
      else if (k === 'rules') {
        const r = v as NonNullable<Config['rules']>;
        out.rules = {
          disable: [...(out.rules?.disable ?? []), ...(r.disable ?? [])],
          severity: { ...out.rules?.severity, ...r.severity },
        };
      } else (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
