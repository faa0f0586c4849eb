// Container image layouts, read without a Docker engine:
//  - `docker save` tarballs: manifest.json -> [{ Config, RepoTags, Layers }] (legacy <id>/layer.tar
//    members, or blobs/sha256/<digest> in Docker 25+, which embeds an OCI layout);
//  - OCI image layouts (tar or directory): oci-layout + index.json -> manifest blob -> config + layers.
// A layout is a map from member path to bytes; this file only interprets the JSON.
import { ParseError } from '../../core/errors.js';

export interface LayerRef {
  /** Path of the layer blob inside the image (tar member or file under the OCI directory). */
  path: string;
  digest?: string;
  /** gzip, zstd, tar (uncompressed) or unknown (sniff it). */
  compression: 'gzip' | 'zstd' | 'tar' | 'unknown';
}

export interface ImageRef {
  tags: string[];
  configPath: string;
  layers: LayerRef[];
  /** Base image as the builder recorded it (OCI manifest annotations), where visible. */
  base?: { name?: string; digest?: string };
}

const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';

export type ReadJson = (path: string) => Promise<unknown>;

const MAX_IMAGES = 64;

function compressionOf(mediaType: unknown): LayerRef['compression'] {
  const m = String(mediaType ?? '');
  if (m.endsWith('+gzip') || m.endsWith('.gzip') || m.includes('tar.gzip')) return 'gzip';
  if (m.endsWith('+zstd') || m.endsWith('.zstd')) return 'zstd';
  if (m.endsWith('.tar') || m.endsWith('layer.v1.tar')) return 'tar';
  return 'unknown';
}

function blobPath(digest: unknown): string {
  const d = String(digest ?? '');
  const m = /^([a-z0-9]+):([a-f0-9]{32,128})$/.exec(d);
  if (!m) throw new ParseError(`image: invalid digest '${d.slice(0, 80)}'`);
  return `blobs/${m[1]}/${m[2]}`;
}

/** docker save: manifest.json. */
export async function readDockerSave(readJson: ReadJson): Promise<ImageRef[]> {
  const manifest = await readJson('manifest.json');
  if (!Array.isArray(manifest)) throw new ParseError('image: manifest.json is not a list');
  return manifest.slice(0, MAX_IMAGES).map((m: { Config?: unknown; RepoTags?: unknown; Layers?: unknown; LayerSources?: Record<string, { mediaType?: string }> }) => {
    if (typeof m?.Config !== 'string' || !Array.isArray(m.Layers)) throw new ParseError('image: manifest.json entry without Config/Layers');
    return {
      tags: Array.isArray(m.RepoTags) ? m.RepoTags.filter((t): t is string => typeof t === 'string') : [],
      configPath: m.Config,
      layers: m.Layers.filter((l): l is string => typeof l === 'string').map((path) => {
        const digest = /^blobs\/(sha256)\/([a-f0-9]{64})$/.exec(path);
        const d = digest ? `${digest[1]}:${digest[2]}` : undefined;
        const src = d ? m.LayerSources?.[d] : undefined;
        return { path, digest: d, compression: src ? compressionOf(src.mediaType) : 'unknown' };
      }),
    };
  });
}

/** OCI image layout: index.json (possibly nested indexes, bounded) -> image manifests. */
export async function readOciLayout(readJson: ReadJson): Promise<ImageRef[]> {
  const out: ImageRef[] = [];
  const queue: Array<{ path: string; tag?: string }> = [{ path: 'index.json' }];
  let visited = 0;
  while (queue.length && out.length < MAX_IMAGES && visited++ < MAX_IMAGES * 4) {
    const { path, tag } = queue.shift()!;
    const doc = (await readJson(path)) as { manifests?: unknown; config?: { digest?: unknown }; layers?: unknown; mediaType?: string; annotations?: Record<string, unknown> };
    if (Array.isArray(doc.manifests)) {
      for (const m of doc.manifests as Array<{ digest?: unknown; annotations?: Record<string, string>; platform?: unknown }>) {
        const name = m.annotations?.['org.opencontainers.image.ref.name'] ?? m.annotations?.['io.containerd.image.name'] ?? tag;
        queue.push({ path: blobPath(m.digest), tag: name });
      }
      continue;
    }
    if (doc.config && Array.isArray(doc.layers)) {
      const a = doc.annotations ?? {};
      const base = typeof a[BASE_NAME] === 'string' || typeof a[BASE_DIGEST] === 'string'
        ? { ...(typeof a[BASE_NAME] === 'string' ? { name: a[BASE_NAME] as string } : {}), ...(typeof a[BASE_DIGEST] === 'string' ? { digest: a[BASE_DIGEST] as string } : {}) }
        : undefined;
      out.push({
        ...(base ? { base } : {}),
        tags: tag ? [tag] : [],
        configPath: blobPath(doc.config.digest),
        layers: (doc.layers as Array<{ digest?: unknown; mediaType?: unknown }>).map((l) => ({
          path: blobPath(l.digest),
          digest: String(l.digest),
          compression: compressionOf(l.mediaType),
        })),
      });
    }
  }
  return out;
}

/** Which OCI whiteout a layer member is: `.wh..wh..opq` clears its folder, `.wh.NAME` deletes NAME. */
export function whiteout(path: string): { kind: 'opaque'; dir: string } | { kind: 'file'; target: string } | undefined {
  const slash = path.lastIndexOf('/');
  const dir = slash === -1 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === '.wh..wh..opq') return { kind: 'opaque', dir };
  if (base.startsWith('.wh.')) return { kind: 'file', target: dir ? `${dir}/${base.slice(4)}` : base.slice(4) };
  return undefined;
}
