// Expands a container image into entries: the image config, then every file of every layer in
// order — including files that a later layer deletes (whiteouts, opaque folders) or overwrites,
// which is where "deleted" secrets live on. Each file's provenance (layer, the build step that made
// it, and the layer that deleted or replaced it) is filled in as later layers are read; findings
// hold that object by reference, so the report shows the final picture.
import { readTar } from '../../io/tar/tar-reader.js';
import { isUnsafeArchivePath } from '../../io/zip/zip-reader.js';
import { DecompressingSource, SliceSource, readAll, MemorySource } from '../../io/sources.js';
import { TarMembers } from '../../io/tar/tar-members.js';
import { sniff, SNIFF_BYTES } from '../../core/sniff.js';
import { errorMessage, LimitExceededError, ParseError } from '../../core/errors.js';
import { readDockerSave, readOciLayout, whiteout, type ImageRef, type LayerRef } from './layout.js';
import type { ArchiveEvent, ExpandContext } from '../archive/events.js';
import type { ByteSource, Entry } from '../../core/types.js';
import { basename } from 'node:path';

const MAX_JSON = 16 * 1024 * 1024;

/** Bytes of an image by member path: tar members, or files of an OCI directory. */
export interface ImageFiles {
  has(path: string): boolean;
  open(path: string): ByteSource | undefined;
}

export interface FileProvenance {
  image: string;
  layerIndex: number;
  layer: string;
  createdBy?: string;
  deletedInLayer?: number;
  deletedBy?: string;
  overwrittenInLayer?: number;
  [key: string]: unknown;
}

export function isImageLayout(files: ImageFiles): 'docker-save' | 'oci' | undefined {
  if (files.has('manifest.json')) return 'docker-save';
  if (files.has('index.json') && files.has('oci-layout')) return 'oci';
  return undefined;
}

async function readJsonFrom(files: ImageFiles, path: string, label: string): Promise<unknown> {
  const src = files.open(path);
  if (!src) throw new ParseError(`${label}: image member '${path}' is missing`);
  const buf = await readAll(src, MAX_JSON, `${label}!${path}`);
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new ParseError(`${label}!${path}: invalid JSON (${errorMessage(e)})`);
  }
}

interface HistoryItem {
  created_by?: string;
  empty_layer?: boolean;
}

/** The build step behind each layer: history entries that are not empty layers, in order. */
function layerSteps(config: unknown): string[] {
  const h = (config as { history?: HistoryItem[] })?.history;
  if (!Array.isArray(h)) return [];
  return h.filter((x) => !x?.empty_layer).map((x) => String(x?.created_by ?? '').slice(0, 300));
}

function childEntry(parent: Entry, innerPath: string, source: ByteSource, size: number, provenance: Record<string, unknown>, head: Buffer): Entry {
  return {
    kind: 'member',
    path: parent.path,
    innerPath: parent.innerPath ? `${parent.innerPath}!${innerPath}` : innerPath,
    name: basename(innerPath),
    size,
    source,
    depth: parent.depth + 1,
    type: sniff(head),
    provenance: provenance as Record<string, string>,
  };
}

async function openLayer(files: ImageFiles, layer: LayerRef, ctx: ExpandContext, label: string): Promise<ByteSource> {
  const raw = files.open(layer.path);
  if (!raw) throw new ParseError(`${label}: layer '${layer.path}' is missing from the image`);
  let kind = layer.compression;
  if (kind === 'unknown') {
    const t = sniff(await raw.read(0, SNIFF_BYTES)).kind;
    kind = t === 'gzip' ? 'gzip' : t === 'zstd' ? 'zstd' : 'tar';
  }
  if (kind === 'tar') return raw;
  return new DecompressingSource(raw, kind, {
    maxBytes: ctx.limits.maxEntryBytes,
    maxRatio: ctx.limits.maxCompressionRatio,
    budget: ctx.budget,
    label: `${label}!${layer.path}`,
    windowed: true,
  });
}

export async function* expandImage(entry: Entry, files: ImageFiles, ctx: ExpandContext): AsyncGenerator<ArchiveEvent> {
  const label = entry.innerPath ? `${entry.path}!${entry.innerPath}` : entry.path;
  const layout = isImageLayout(files);
  const read = (p: string) => readJsonFrom(files, p, label);
  const images: ImageRef[] = layout === 'docker-save' ? await readDockerSave(read) : await readOciLayout(read);
  const seenLayers = new Set<string>();
  for (const image of images) {
    const name = image.tags[0] ?? '(untagged image)';
    // The config: env, entrypoint, labels and build history are scanned as a JSON text entry.
    const cfgSrc = files.open(image.configPath);
    let config: unknown;
    if (cfgSrc) {
      const buf = await readAll(cfgSrc, MAX_JSON, `${label}!${image.configPath}`);
      try {
        config = JSON.parse(buf.toString('utf8'));
      } catch {
        config = undefined;
      }
      const src = new MemorySource(buf);
      yield { kind: 'member', entry: childEntry(entry, image.configPath, src, buf.length, { image: name, role: 'image-config', ...(image.base?.name ? { baseName: image.base.name } : {}), ...(image.base?.digest ? { baseDigest: image.base.digest } : {}) }, buf.subarray(0, SNIFF_BYTES)) };
    } else {
      yield { kind: 'issue', ruleId: 'scan/unreadable', message: `image config '${image.configPath}' is missing`, innerPath: entry.innerPath, key: `config:${image.configPath}` };
    }
    const steps = layerSteps(config);
    // Files present so far, by path: the provenance records of every version still visible.
    const live = new Map<string, FileProvenance[]>();
    let members = 0;
    for (const [i, layer] of image.layers.entries()) {
      if (seenLayers.has(layer.path)) continue; // shared base layers of several tags: once
      seenLayers.add(layer.path);
      const layerName = layer.digest ?? layer.path;
      const step = steps[i];
      const markDeleted = (recs: FileProvenance[]) => {
        for (const r of recs) {
          if (r.layerIndex === i) continue;
          r.deletedInLayer = i;
          if (step) r.deletedBy = step;
        }
      };
      /** A whiteout: the path and everything under it (one pass over what is live). */
      const deleteUnder = (target: string) => {
        for (const [p, recs] of live) {
          if (target !== '' && p !== target && !p.startsWith(`${target}/`)) continue;
          markDeleted(recs);
          const same = recs.filter((r) => r.layerIndex === i);
          if (same.length) live.set(p, same);
          else live.delete(p);
        }
      };
      let src: ByteSource;
      try {
        src = await openLayer(files, layer, ctx, label);
      } catch (e) {
        yield { kind: 'issue', ruleId: e instanceof LimitExceededError ? 'scan/limit-exceeded' : 'scan/unreadable', message: errorMessage(e), innerPath: entry.innerPath ? `${entry.innerPath}!${layer.path}` : layer.path, key: `layer:${layer.path}` };
        continue;
      }
      const windowed = src instanceof DecompressingSource ? src : undefined;
      // Files of a compressed layer are bounded-memory views over its stream (see tar-members.ts).
      const layerFiles = new TarMembers(src);
      const layerLabel = `${label}!${layer.path}`;
      try {
        for await (const m of readTar(src)) {
          windowed?.discardBefore(m.dataOffset - 512);
          const path = m.name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
          if (isUnsafeArchivePath(m.name)) {
            yield { kind: 'issue', ruleId: 'scan/archive-path-traversal', message: `layer member '${m.name}' escapes the root file system`, innerPath: entry.innerPath ? `${entry.innerPath}!${layer.path}` : layer.path, key: m.name, evidence: m.name };
          }
          const wo = whiteout(path);
          if (wo) {
            deleteUnder(wo.kind === 'file' ? wo.target : wo.dir);
            continue;
          }
          if (m.type !== 'file') continue;
          if (++members > ctx.limits.maxArchiveMembers * 10) {
            yield { kind: 'issue', ruleId: 'scan/limit-exceeded', message: `image has more than ${ctx.limits.maxArchiveMembers * 10} files: the rest were not scanned (maxArchiveMembers x10 for images)`, innerPath: entry.innerPath, key: 'image-members' };
            return;
          }
          for (const r of live.get(path) ?? []) if (r.layerIndex !== i) r.overwrittenInLayer = i;
          const prov: FileProvenance = { image: name, layerIndex: i, layer: layerName, ...(step ? { createdBy: step } : {}) };
          live.set(path, [prov]);
          const data = layerFiles.open(m, `${layerLabel}!${path}`);
          const head = await data.read(0, SNIFF_BYTES);
          yield { kind: 'member', entry: childEntry(entry, `${layer.path}!${path}`, data, m.size, prov, head) };
        }
      } catch (e) {
        yield { kind: 'issue', ruleId: e instanceof LimitExceededError ? 'scan/limit-exceeded' : 'scan/unreadable', message: errorMessage(e), innerPath: entry.innerPath ? `${entry.innerPath}!${layer.path}` : layer.path, key: `layer:${layer.path}` };
      } finally {
        await layerFiles.close();
        await src.close?.();
      }
    }
  }
}

/** An image inside a tar on a random-access source (`docker save` output, OCI layout tarball). */
export async function tarImageFiles(src: ByteSource, maxMembers: number): Promise<ImageFiles | undefined> {
  const members = new Map<string, { offset: number; size: number }>();
  for await (const m of readTar(src)) {
    if (m.type !== 'file') continue;
    members.set(m.name.replace(/^\.\//, ''), { offset: m.dataOffset, size: m.size });
    if (members.size > maxMembers) return undefined;
  }
  const files: ImageFiles = {
    has: (p) => members.has(p),
    open: (p) => {
      const m = members.get(p);
      return m ? new SliceSource(src, m.offset, m.size) : undefined;
    },
  };
  return isImageLayout(files) ? files : undefined;
}
