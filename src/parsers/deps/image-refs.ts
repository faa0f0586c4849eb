// Container image references with their lines: Dockerfile `FROM` lines (with `ARG` defaults
// substituted, stage names skipped) and every `image:` in YAML (Kubernetes manifests, compose
// files, Helm values with `image: {repository, tag}`, KServe/Ray/Seldon custom resources).
// Pure reading: which images matter, and what version a tag means, is decided by the rule.
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { textParser } from '../text/text.js';
import { dockerfileParser, isDockerfileName, type DockerfileModel } from '../dockerfile/dockerfile.js';
import { yamlParser, type YamlModel } from '../yaml/yaml.js';
import type { Entry, Parser } from '../../core/types.js';

export interface ImageRef {
  /** As written (after ARG substitution). */
  ref: string;
  /** Registry host, `docker.io` when none is written. */
  registry: string;
  /** Repository path without the registry; Docker Hub official images as `library/x` → `x`. */
  repository: string;
  tag?: string;
  digest?: string;
  line: number;
  column?: number;
}

export interface ImageRefsModel {
  refs: ImageRef[];
}

const YAML = /\.ya?ml$/i;
const MAX_NODES = 200_000;

/** Splits `registry/repo/path:tag@sha256:...` the way Docker does. */
export function parseImageRef(input: string): Omit<ImageRef, 'line' | 'column'> | undefined {
  const ref = input.trim();
  if (!ref || ref.length > 512 || /\s/.test(ref) || ref.includes('$') || ref.includes('{{')) return undefined;
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  let repository = parts.join('/').toLowerCase();
  if (!/^[a-z0-9][a-z0-9._/-]*$/.test(repository)) return undefined;
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') {
    registry = 'docker.io';
    if (repository.startsWith('library/')) repository = repository.slice('library/'.length);
  }
  return { ref, registry: registry.toLowerCase(), repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** Base images of a Dockerfile's stages (ARG defaults substituted by the shared parser). */
export function parseDockerfileImages(dockerfile: DockerfileModel): ImageRefsModel {
  const refs: ImageRef[] = [];
  for (const stage of dockerfile.stages) {
    if (stage.fromStage !== undefined || stage.imageUnresolved || stage.imageResolved.toLowerCase() === 'scratch') continue;
    const parsed = parseImageRef(stage.imageResolved);
    const line = dockerfile.text.line(stage.from.line) ?? '';
    if (parsed) refs.push({ ...parsed, line: stage.from.line, column: Math.max(1, line.indexOf(stage.image) + 1) });
  }
  return { refs };
}

function scalarString(n: unknown): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : isScalar(n) && typeof n.value === 'number' ? String(n.value) : undefined;
}

export function yamlImages(yaml: YamlModel): ImageRefsModel {
  const refs: ImageRef[] = [];
  let visited = 0;
  for (const doc of yaml.documents) {
    // Iterative walk: document depth is attacker-controlled.
    const stack: unknown[] = [doc.doc.contents];
    while (stack.length) {
      const n = stack.pop();
      if (++visited > MAX_NODES) return { refs };
      if (isMap(n)) {
        for (const pair of n.items) {
          if (!isPair(pair)) continue;
          const k = scalarString(pair.key);
          if (k === 'image') {
            const v = scalarString(pair.value);
            if (v !== undefined) {
              const p = parseImageRef(v);
              const pos = yaml.position(pair.value as Node);
              if (p) refs.push({ ...p, line: pos?.line ?? doc.line, ...(pos ? { column: pos.column } : {}) });
              continue;
            }
            if (isMap(pair.value)) {
              // Helm values: image: { registry, repository, tag }
              const repo = scalarString(pair.value.get('repository', true));
              const tag = scalarString(pair.value.get('tag', true));
              const reg = scalarString(pair.value.get('registry', true));
              if (repo) {
                const p = parseImageRef(`${reg ? `${reg}/` : ''}${repo}${tag ? `:${tag}` : ''}`);
                const pos = yaml.position((pair.value.get('tag', true) ?? pair.value.get('repository', true)) as Node);
                if (p) refs.push({ ...p, line: pos?.line ?? doc.line, ...(pos ? { column: pos.column } : {}) });
              }
            }
          }
          stack.push(pair.value);
        }
      } else if (isSeq(n)) {
        for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
      }
    }
  }
  return { refs };
}

export const imageRefsParser: Parser<ImageRefsModel> = {
  id: 'image-refs',
  accepts: (entry: Entry) => entry.type.text && entry.kind !== 'http' && entry.kind !== 'host' && (isDockerfileName(entry.name) || YAML.test(entry.name)),
  async parse(entry, ctx) {
    if (isDockerfileName(entry.name)) return parseDockerfileImages(await ctx.use(dockerfileParser));
    const { text } = await ctx.use(textParser);
    if (!text.includes('image')) return { refs: [] };
    return yamlImages(await ctx.use(yamlParser));
  },
};
