// Kubernetes manifests as a list of objects and every pod spec inside them, with exact positions.
// Built on the shared YAML model (one parse per file): `kind: List` is flattened, Helm's
// `# Source:` headers and Kustomize's origin annotations are kept so findings name the template
// that produced the object, and pod templates are found through the table in pod-locations.ts
// (core workloads and ML custom resources) plus a bounded search for unknown kinds.
import { isMap } from 'yaml';
import { yamlParser, parseYamlText, type YamlDocument, type YamlModel } from '../yaml/yaml.js';
import { textParser } from '../text/text.js';
import type { Entry, Parser } from '../../core/types.js';
import { KSERVE_FRAMEWORKS, NON_WORKLOAD_KINDS, POD_LOCATIONS, type PathPattern, type PodLocation } from './pod-locations.js';
import { isGpuResource } from './gpu.js';

export type Path = Array<string | number>;
export type Obj = Record<string, unknown>;

export interface K8sObject {
  doc: YamlDocument;
  /** Path of the object inside its document (empty, or ['items', i] inside a List). */
  base: Path;
  value: Obj;
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Chart template (Helm `# Source:`) or Kustomize origin path that produced this object. */
  source?: string;
  line: number;
}

export interface PodRef {
  obj: K8sObject;
  /** Path from the document root to the pod spec. */
  specPath: Path;
  spec: Obj;
  /** The object holding the template (a Ray worker group, a replica spec); carries rayStartParams etc. */
  ownerPath: Path;
  owner: Obj;
  /** Human name of the template inside the object: `workerGroupSpecs[0] (gpu-group)`, `Worker`. */
  role: string;
  labels: Record<string, string>;
  containers: ContainerRef[];
  /** A pod-level field and its path (Argo templates override the workflow spec). */
  field(name: string): { value: unknown; path: Path } | undefined;
}

export interface ContainerRef {
  pod: PodRef;
  path: Path;
  value: Obj;
  name: string;
  image?: string;
  group: 'containers' | 'initContainers' | 'ephemeralContainers' | 'sidecars' | 'framework' | 'trainer';
  /** Path to the resources block (`resources`, or `resourcesPerNode` for a TrainJob trainer). */
  resourcesPath: Path;
  /** GPU extended resources in limits / requests. */
  gpuLimits: string[];
  gpuRequests: string[];
}

export class K8sModel {
  readonly pods: PodRef[] = [];
  constructor(readonly yaml: YamlModel, readonly objects: K8sObject[]) {}

  lineOf(obj: K8sObject, path: Path): number {
    return this.yaml.lineOf(obj.doc, path);
  }

  get containers(): ContainerRef[] {
    return this.pods.flatMap((p) => p.containers);
  }

  ofKind(...kinds: string[]): K8sObject[] {
    return this.objects.filter((o) => kinds.includes(o.kind));
  }
}

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export function getAt(v: unknown, path: Path): unknown {
  let cur = v;
  for (const k of path) {
    if (Array.isArray(cur) && typeof k === 'number') cur = cur[k];
    else if (isObj(cur) && typeof k === 'string') cur = cur[k];
    else return undefined;
  }
  return cur;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (str(x) !== undefined) out[k] = str(x)!;
  return out;
}

/** Concrete paths matching a pattern with '*' wildcards (iterative, bounded by the pattern length). */
export function expand(root: unknown, pattern: PathPattern): Path[] {
  let frontier: Path[] = [[]];
  for (const seg of pattern) {
    const next: Path[] = [];
    for (const p of frontier) {
      const v = getAt(root, p);
      if (seg === '*') {
        if (Array.isArray(v)) v.forEach((_, i) => next.push([...p, i]));
        else if (isObj(v)) for (const k of Object.keys(v)) next.push([...p, k]);
      } else if (getAt(v, [seg]) !== undefined) next.push([...p, seg]);
    }
    frontier = next;
  }
  return frontier;
}

function helmSource(doc: YamlDocument): string | undefined {
  const contents = doc.doc.contents as { commentBefore?: string | null } | null;
  for (const c of [doc.doc.commentBefore, contents?.commentBefore]) {
    const m = c ? /Source:\s*(\S+)/.exec(c) : null;
    if (m) return m[1];
  }
  return undefined;
}

function kustomizeOrigin(annotations: Record<string, string>): string | undefined {
  const origin = annotations['config.kubernetes.io/origin'];
  const m = origin ? /(?:^|\n)\s*path:\s*(\S+)/.exec(origin) : null;
  return m ? m[1] : undefined;
}

function collectObjects(yaml: YamlModel): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of yaml.documents) {
    if (!isObj(doc.value)) continue;
    const source = helmSource(doc);
    // Lists nest at most a couple of levels in practice; a work list keeps it non-recursive.
    const work: Array<{ v: Obj; base: Path; depth: number }> = [{ v: doc.value, base: [], depth: 0 }];
    while (work.length) {
      const { v, base, depth } = work.pop()!;
      const kind = str(v.kind) ?? '';
      if ((kind === 'List' || kind.endsWith('List')) && Array.isArray(v.items) && depth < 4) {
        v.items.forEach((it, i) => isObj(it) && work.push({ v: it, base: [...base, 'items', i], depth: depth + 1 }));
        continue;
      }
      if (!kind) continue;
      const meta = isObj(v.metadata) ? v.metadata : {};
      const annotations = stringMap(meta.annotations);
      const src = kustomizeOrigin(annotations) ?? source;
      out.push({
        doc, base, value: v, kind, apiVersion: str(v.apiVersion) ?? '', name: str(meta.name) ?? str(meta.generateName) ?? '',
        ...(str(meta.namespace) ? { namespace: str(meta.namespace) } : {}),
        labels: stringMap(meta.labels), annotations, ...(src ? { source: src } : {}),
        line: yaml.lineOf(doc, base.length ? base : ['kind']),
      });
    }
    // Keep document order for stable output.
  }
  return out.sort((a, b) => a.line - b.line);
}

function gpuKeys(resources: unknown, which: 'limits' | 'requests'): string[] {
  const r = getAt(resources, [which]);
  return isObj(r) ? Object.keys(r).filter((k) => isGpuResource(k) && str(r[k]) !== '0') : [];
}

function container(pod: PodRef, path: Path, value: Obj, group: ContainerRef['group'], resourcesKey = 'resources'): ContainerRef {
  const res = value[resourcesKey];
  return {
    pod, path, value, group, name: str(value.name) ?? (group === 'framework' ? String(path[path.length - 1]) : ''),
    ...(str(value.image) ? { image: str(value.image) } : {}),
    resourcesPath: [...path, resourcesKey], gpuLimits: gpuKeys(res, 'limits'), gpuRequests: gpuKeys(res, 'requests'),
  };
}

function listContainers(pod: PodRef, spec: Obj, specPath: Path, groups: Array<ContainerRef['group']>): void {
  for (const g of groups) {
    const list = spec[g];
    if (Array.isArray(list)) list.forEach((c, i) => isObj(c) && pod.containers.push(container(pod, [...specPath, g, i], c, g)));
  }
}

function roleName(obj: K8sObject, ownerPath: Path): string {
  const rel = ownerPath.slice(obj.base.length).filter((k) => k !== 'spec' && k !== 'template');
  const owner = getAt(obj.doc.value, ownerPath);
  const group = isObj(owner) ? str(owner.groupName) ?? str(owner.name) : undefined;
  const s = rel.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
  return group && s ? `${s} (${group})` : s;
}

function makePod(obj: K8sObject, specPath: Path, ownerPath: Path, labels: Record<string, string>, field?: PodRef['field']): PodRef {
  const root = obj.doc.value;
  const spec = (getAt(root, specPath) as Obj) ?? {};
  const owner = getAt(root, ownerPath);
  const pod: PodRef = {
    obj, specPath, spec, ownerPath, owner: isObj(owner) ? owner : {}, role: roleName(obj, ownerPath), labels, containers: [],
    field: field ?? ((name) => (spec[name] !== undefined ? { value: spec[name], path: [...specPath, name] } : undefined)),
  };
  return pod;
}

function podsAt(obj: K8sObject, loc: PodLocation): PodRef[] {
  const root = obj.doc.value;
  const out: PodRef[] = [];
  for (const rel of expand(obj.value, loc.path)) {
    const at = [...obj.base, ...rel];
    const node = getAt(root, at);
    if (!isObj(node)) continue;
    if (loc.form === 'template') {
      if (!isObj(node.spec)) continue;
      const labels = stringMap(getAt(node, ['metadata', 'labels']));
      const ownerPath = at[at.length - 1] === 'template' ? at.slice(0, -1) : at;
      const pod = makePod(obj, [...at, 'spec'], ownerPath, rel.length === 0 ? obj.labels : labels);
      listContainers(pod, pod.spec, pod.specPath, ['initContainers', 'containers', 'ephemeralContainers']);
      out.push(pod);
    } else if (loc.form === 'spec') {
      const pod = makePod(obj, at, at, obj.labels);
      listContainers(pod, pod.spec, at, ['initContainers', 'containers']);
      out.push(pod);
    } else if (loc.form === 'kserve-component') {
      const pod = makePod(obj, at, at, { ...obj.labels, ...stringMap(node.labels) });
      listContainers(pod, node, at, ['initContainers', 'containers']);
      for (const fw of KSERVE_FRAMEWORKS) if (isObj(node[fw])) pod.containers.push(container(pod, [...at, fw], node[fw] as Obj, 'framework'));
      out.push(pod);
    } else if (loc.form === 'argo') {
      const templates = node.templates;
      if (!Array.isArray(templates)) continue;
      templates.forEach((tpl, i) => {
        if (!isObj(tpl)) return;
        const tplPath = [...at, 'templates', i];
        const field: PodRef['field'] = (name) =>
          tpl[name] !== undefined ? { value: tpl[name], path: [...tplPath, name] } : node[name] !== undefined ? { value: node[name], path: [...at, name] } : undefined;
        const pod = makePod(obj, tplPath, tplPath, stringMap(getAt(tpl, ['metadata', 'labels'])), field);
        pod.role = `templates[${i}] (${str(tpl.name) ?? ''})`;
        for (const k of ['container', 'script']) {
          if (!isObj(tpl[k])) continue;
          const c = container(pod, [...tplPath, k], tpl[k] as Obj, 'containers');
          c.name ||= str(tpl.name) ?? k;
          pod.containers.push(c);
        }
        if (isObj(tpl.containerSet)) listContainers(pod, tpl.containerSet, [...tplPath, 'containerSet'], ['containers']);
        listContainers(pod, tpl, tplPath, ['initContainers', 'sidecars']);
        if (pod.containers.length) out.push(pod);
      });
    } else if (loc.form === 'trainjob') {
      const pod = makePod(obj, at, at, obj.labels, () => undefined);
      if (isObj(node.trainer)) pod.containers.push(container(pod, [...at, 'trainer'], node.trainer, 'trainer', 'resourcesPerNode'));
      const overrides = node.podSpecOverrides;
      if (Array.isArray(overrides)) overrides.forEach((o, i) => isObj(o) && listContainers(pod, o, [...at, 'podSpecOverrides', i], ['initContainers', 'containers']));
      out.push(pod);
    }
  }
  return out;
}

/** Unknown kinds (other CRDs): any map with a `containers` list of images is taken as a pod spec. */
function searchPods(obj: K8sObject): PodRef[] {
  const out: PodRef[] = [];
  const work: Array<{ path: Path; depth: number }> = [{ path: obj.base, depth: 0 }];
  const root = obj.doc.value;
  let budget = 5000;
  while (work.length && budget-- > 0) {
    const { path, depth } = work.pop()!;
    const v = getAt(root, path);
    if (isObj(v)) {
      if (Array.isArray(v.containers) && v.containers.some((c) => isObj(c) && typeof c.image === 'string')) {
        const parent = path[path.length - 1] === 'spec' ? path.slice(0, -1) : path;
        const labels = stringMap(getAt(root, [...parent, 'metadata', 'labels']));
        const ownerPath = parent[parent.length - 1] === 'template' ? parent.slice(0, -1) : parent;
        const pod = makePod(obj, path, ownerPath, labels);
        listContainers(pod, v, path, ['initContainers', 'containers']);
        out.push(pod);
        continue;
      }
      if (depth < 12) for (const k of Object.keys(v)) if (k !== 'metadata' && k !== 'status') work.push({ path: [...path, k], depth: depth + 1 });
    } else if (Array.isArray(v) && depth < 12) v.forEach((_, i) => work.push({ path: [...path, i], depth: depth + 1 }));
  }
  return out.sort((a, b) => String(a.specPath).localeCompare(String(b.specPath)));
}

export function buildK8sModel(yaml: YamlModel): K8sModel {
  const model = new K8sModel(yaml, collectObjects(yaml));
  for (const obj of model.objects) {
    if (!obj.apiVersion) continue;
    const locs = POD_LOCATIONS[obj.kind];
    if (locs) for (const loc of locs) model.pods.push(...podsAt(obj, loc));
    else if (!NON_WORKLOAD_KINDS.has(obj.kind)) model.pods.push(...searchPods(obj));
  }
  return model;
}

export function parseK8sText(text: string): K8sModel {
  return buildK8sModel(parseYamlText(text));
}

const JSON_NAME = /\.json$/i;

/** True when a YAML document looks like a Kubernetes object (apiVersion + kind). */
export function looksLikeK8s(yaml: YamlModel): boolean {
  return yaml.documents.some((d) => isObj(d.value) && typeof d.value.kind === 'string' && typeof d.value.apiVersion === 'string');
}

const EMPTY_YAML = parseYamlText('');

export const k8sParser: Parser<K8sModel> = {
  id: 'k8s',
  // YAML manifests, and JSON (`kubectl get -o json`) which is YAML too.
  accepts: (entry: Entry) => yamlParser.accepts(entry) || (entry.type.text && JSON_NAME.test(entry.name)),
  async parse(entry, ctx) {
    const text = await ctx.use(textParser);
    // Every Kubernetes object names apiVersion and kind: other YAML (CI configs, data, model cards) is
    // not parsed for this, which matters because the YAML library is the slowest step of a scan.
    // A kustomization.yaml may omit both; its `namespace:` still matters to the scan-wide joins.
    if (yamlParser.accepts(entry)) return (text.text.includes('apiVersion') && text.text.includes('kind')) || KUSTOMIZATION_NAME.test(entry.name) ? buildK8sModel(await ctx.use(yamlParser)) : buildK8sModel(EMPTY_YAML);
    // JSON that is not a manifest (package.json, notebooks) is skipped without a full parse.
    if (!text.text.includes('"apiVersion"') || !text.text.includes('"kind"')) return buildK8sModel(EMPTY_YAML);
    return buildK8sModel(parseYamlText(text.text));
  },
};

export { isMap };

const KUSTOMIZATION_NAME = /^kustomization\.ya?ml$/i;
