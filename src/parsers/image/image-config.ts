// The OCI/Docker image config (the JSON a registry calls "config"): user, env, entrypoint, labels and
// the build history. The image target marks it with provenance.role = 'image-config'.
import { readAll } from '../../io/sources.js';
import { ParseError } from '../../core/errors.js';
import type { Entry, Parser } from '../../core/types.js';

export interface ImageConfig {
  user: string;
  env: string[];
  entrypoint: string[];
  cmd: string[];
  labels: Record<string, string>;
  history: Array<{ created_by: string; empty_layer: boolean }>;
  image: string;
  /** Base image reference where the build recorded one (manifest annotations or config labels). */
  base?: { name?: string; digest?: string; from: 'manifest annotation' | 'label' };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function baseOf(prov: Record<string, string> | undefined, labels: Record<string, string>): Pick<ImageConfig, 'base'> {
  if (prov?.baseName || prov?.baseDigest) return { base: { name: prov.baseName, digest: prov.baseDigest, from: 'manifest annotation' } };
  const name = labels['org.opencontainers.image.base.name'];
  const digest = labels['org.opencontainers.image.base.digest'];
  return name || digest ? { base: { name, digest, from: 'label' } } : {};
}

export const imageConfigParser: Parser<ImageConfig> = {
  id: 'image-config',
  accepts: (entry: Entry) => entry.provenance?.role === 'image-config',
  async parse(entry, ctx) {
    const buf = await readAll(entry.source, Math.min(ctx.limits.maxEntryBytes, 16 * 1024 * 1024), entry.innerPath ?? entry.path);
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw new ParseError(`image config is not valid JSON: ${(e as Error).message}`);
    }
    const c = (raw.config ?? raw.Config ?? {}) as Record<string, unknown>;
    const labels: Record<string, string> = {};
    if (c.Labels && typeof c.Labels === 'object') for (const [k, v] of Object.entries(c.Labels)) if (typeof v === 'string') labels[k] = v;
    return {
      user: typeof c.User === 'string' ? c.User : '',
      env: strings(c.Env),
      entrypoint: strings(c.Entrypoint),
      cmd: strings(c.Cmd),
      labels,
      history: Array.isArray(raw.history)
        ? (raw.history as Array<Record<string, unknown>>).map((h) => ({ created_by: String(h?.created_by ?? ''), empty_layer: h?.empty_layer === true }))
        : [],
      image: String(entry.provenance?.image ?? ''),
      ...baseOf(entry.provenance, labels),
    };
  },
};
