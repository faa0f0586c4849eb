// Keras model configurations, from the two containers Keras writes:
// - Keras v3 `.keras`: a zip with `config.json` (the serialized model), `metadata.json` (keras
//   version) and `model.weights.h5`. Detected by content (root config.json + metadata.json), so a
//   renamed archive is still recognised; only those two small members are read.
// - legacy HDF5 `.h5`: the JSON in the root attributes `model_config` (and `training_config`).
// The JSON is then flattened into the objects rules care about (anything with class_name or
// module) by an explicit-stack walk, so nesting depth in the input never grows the call stack.
import { ParseError } from '../../core/errors.js';
import { ArchiveBudget } from '../../core/limits.js';
import type { Entry, Parser, ParseContext } from '../../core/types.js';
import { readZip } from '../../io/zip/zip-reader.js';
import { openZipMember } from '../../io/zip/open-member.js';
import { readAll } from '../../io/sources.js';
import { hdf5Parser } from '../hdf5/hdf5.js';

const MAX_CONFIG_BYTES = 64 * 1024 * 1024;
const MAX_NODES = 2_000_000;

/** An object in the config that names something to deserialize. */
export interface KerasObjectRef {
  /** Which document: `config.json`, `model_config`, `training_config`. */
  document: string;
  jsonPointer: string;
  className?: string;
  module?: string;
  registeredName?: string;
  /** `config` when it is a string (function references: the function name). */
  configString?: string;
  /** The layer's own `config.name`, when present. */
  layerName?: string;
  /** Keys of the object's `config` (e.g. `function`, `function_type` on legacy Lambda layers). */
  configKeys: string[];
}

export interface KerasModel {
  container: 'keras-v3' | 'h5' | 'none';
  kerasVersion?: string;
  backend?: string;
  /** innerPath of config.json for .keras archives. */
  configMember?: string;
  refs: KerasObjectRef[];
  /** Problems that left part of the configuration unseen. */
  issues: string[];
  hasWeights: boolean;
  layerCount: number;
}

/** A `.keras` archive, or a zip that has Keras' root members. */
function isKerasMembers(names: Set<string>, entryName: string): boolean {
  if (!names.has('config.json')) return false;
  return /\.keras$/i.test(entryName) || (names.has('metadata.json') && (names.has('model.weights.h5') || names.has('model.weights.npz')));
}

export function walkConfig(root: unknown, document: string, model: KerasModel): void {
  const stack: Array<{ v: unknown; p: string }> = [{ v: root, p: '' }];
  let nodes = 0;
  while (stack.length) {
    const { v, p } = stack.pop()!;
    if (++nodes > MAX_NODES) {
      model.issues.push(`${document}: more than ${MAX_NODES} JSON values, the rest was not analysed`);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], p: `${p}/${i}` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if (typeof o.class_name === 'string' || typeof o.module === 'string') {
      const cfg = o.config;
      const cfgObj = cfg && typeof cfg === 'object' && !Array.isArray(cfg) ? (cfg as Record<string, unknown>) : undefined;
      model.refs.push({
        document,
        jsonPointer: p || '/',
        ...(typeof o.class_name === 'string' ? { className: o.class_name } : {}),
        ...(typeof o.module === 'string' ? { module: o.module } : {}),
        ...(typeof o.registered_name === 'string' ? { registeredName: o.registered_name } : {}),
        ...(typeof cfg === 'string' ? { configString: cfg } : {}),
        ...(cfgObj && typeof cfgObj.name === 'string' ? { layerName: cfgObj.name } : {}),
        configKeys: cfgObj ? Object.keys(cfgObj).slice(0, 50) : [],
      });
    }
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = o[keys[i]];
      if (child !== null && typeof child === 'object') stack.push({ v: child, p: `${p}/${keys[i].replace(/~/g, '~0').replace(/\//g, '~1')}` });
    }
  }
}

function parseJson(text: string, document: string, model: KerasModel): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    model.issues.push(`${document} is not valid JSON (${(e as Error).message.slice(0, 150)}): its layers were not analysed`);
    return undefined;
  }
}

async function fromZip(entry: Entry, ctx: ParseContext, model: KerasModel): Promise<void> {
  const zip = await readZip(entry.source, ctx.limits.maxArchiveMembers);
  const byName = new Map(zip.members.filter((m) => !m.isDirectory).map((m) => [m.name.replace(/^\.\//, ''), m]));
  if (!isKerasMembers(new Set(byName.keys()), entry.name)) return;
  model.container = 'keras-v3';
  model.hasWeights = byName.has('model.weights.h5') || byName.has('model.weights.npz');
  const xctx = { limits: ctx.limits, budget: new ArchiveBudget(ctx.limits) };
  const label = entry.innerPath ? `${entry.path}!${entry.innerPath}` : entry.path;
  const read = async (name: string, cap: number): Promise<string | undefined> => {
    const m = byName.get(name);
    if (!m) return undefined;
    try {
      const src = await openZipMember(entry.source, m, xctx, `${label}!${name}`);
      return (await readAll(src, Math.min(cap, ctx.limits.maxEntryBytes), `${label}!${name}`)).toString('utf8');
    } catch (e) {
      model.issues.push(`${name} could not be read: ${(e as Error).message}`);
      return undefined;
    }
  };
  const meta = await read('metadata.json', 1024 * 1024);
  if (meta !== undefined) {
    const m = parseJson(meta, 'metadata.json', model) as Record<string, unknown> | undefined;
    if (m && typeof m.keras_version === 'string') model.kerasVersion = m.keras_version.slice(0, 50);
  }
  model.configMember = 'config.json';
  const text = await read('config.json', MAX_CONFIG_BYTES);
  if (text === undefined) return;
  const cfg = parseJson(text, 'config.json', model);
  if (cfg !== undefined) walkConfig(cfg, 'config.json', model);
}

async function fromHdf5(ctx: ParseContext, model: KerasModel): Promise<void> {
  let h5;
  try {
    h5 = await ctx.use(hdf5Parser);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    model.container = 'h5';
    model.issues.push(`HDF5 root attributes could not be read (${e.message}): a Keras model_config there was not analysed`);
    return;
  }
  const attr = (n: string) => h5.rootAttributes.get(n)?.strings?.[0];
  const config = attr('model_config');
  const version = attr('keras_version');
  if (config === undefined && version === undefined) {
    // A plain HDF5 file (or Keras weights only). Unreadable attribute storage may still hide a config.
    if (h5.unread.length) {
      model.container = 'h5';
      model.issues.push(`root group has ${h5.unread.join(' and ')} that this reader does not decode: a model_config there was not analysed`);
    }
    return;
  }
  model.container = 'h5';
  model.kerasVersion = version?.slice(0, 50);
  model.backend = attr('backend')?.slice(0, 50);
  for (const doc of ['model_config', 'training_config']) {
    const text = attr(doc);
    if (text === undefined) continue;
    const cfg = parseJson(text, doc, model);
    if (cfg !== undefined) walkConfig(cfg, doc, model);
  }
  if (h5.unread.length) model.issues.push(`root group has ${h5.unread.join(' and ')} that this reader does not decode`);
  model.hasWeights = true;
}

export const kerasParser: Parser<KerasModel> = {
  id: 'keras',
  accepts: (entry: Entry) => entry.type.kind === 'zip' || entry.type.kind === 'hdf5',
  async parse(entry, ctx) {
    const model: KerasModel = { container: 'none', refs: [], issues: [], hasWeights: false, layerCount: 0 };
    if (entry.type.kind === 'hdf5') await fromHdf5(ctx, model);
    else {
      try {
        await fromZip(entry, ctx, model);
      } catch (e) {
        // The engine reports a broken zip when it expands it; a .keras name makes it ours to report.
        if (e instanceof ParseError && /\.keras$/i.test(entry.name)) throw e;
        if (!(e instanceof ParseError)) throw e;
      }
    }
    model.layerCount = model.refs.filter((r) => r.layerName !== undefined).length;
    return model;
  },
};
