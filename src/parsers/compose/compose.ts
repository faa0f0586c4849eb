// Docker Compose files on the shared YAML model. Merge keys (`<<: *common`) are resolved here, both
// in values and in positions, so a setting inherited from an `x-` anchor block is reported at the
// line where it is written. Commands keep their string or list form; environment list and map forms
// are normalised to name/value pairs.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { parseYamlText, yamlParser, type YamlDocument, type YamlModel } from '../yaml/yaml.js';
import { textParser } from '../text/text.js';
import type { Entry, Parser } from '../../core/types.js';

export type Path = Array<string | number>;
type Obj = Record<string, unknown>;

const COMPOSE_NAME = /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$|\.compose\.ya?ml$/i;
const MAX_MERGE_DEPTH = 32;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

export interface ComposeEnv {
  name: string;
  value?: string;
  path: Path;
}

export interface ComposePort {
  hostIp?: string;
  published?: string;
  target: string;
  path: Path;
}

export interface ComposeService {
  name: string;
  path: Path;
  /** The service with merge keys resolved. */
  value: Obj;
  image?: string;
  env: ComposeEnv[];
  ports: ComposePort[];
}

export class ComposeModel {
  constructor(readonly yaml: YamlModel, readonly doc: YamlDocument | undefined, readonly services: ComposeService[]) {}

  /** Line of a path, following aliases and merge keys to where the value is written. */
  lineOf(path: Path): number {
    if (!this.doc) return 1;
    let node: Node | null | undefined = this.doc.doc.contents as Node | null;
    let line = this.doc.line;
    for (const key of path) {
      const next = child(this.doc.doc, node, key, 0);
      if (!next) break;
      const pos = this.yaml.position((next.key ?? next.value) as Node);
      if (pos) line = pos.line;
      node = next.value;
    }
    return line;
  }
}

function deref(doc: Document, n: unknown): Node | null | undefined {
  let cur = n as Node | null | undefined;
  for (let i = 0; i < 16 && cur && isAlias(cur); i++) cur = cur.resolve(doc) as Node | undefined;
  return cur;
}

/** The pair (key node + value node) for `key` under `node`, looking through `<<` merges. */
function child(doc: Document, node: unknown, key: string | number, depth: number): { key?: unknown; value: Node | null | undefined } | undefined {
  const n = deref(doc, node);
  if (!n || depth > MAX_MERGE_DEPTH) return undefined;
  if (isSeq(n) && typeof key === 'number') {
    const it = n.items[key] as Node | undefined;
    return it ? { value: deref(doc, it) ?? it } : undefined;
  }
  if (!isMap(n)) return undefined;
  for (const p of n.items) if (isPair(p) && isScalar(p.key) && String(p.key.value) === String(key)) return { key: p.key, value: p.value as Node };
  for (const p of n.items) {
    if (!isPair(p) || !isScalar(p.key) || p.key.value !== '<<') continue;
    const src = deref(doc, p.value);
    const sources = isSeq(src) ? src.items : [src];
    for (const s of sources) {
      const found = child(doc, s, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Resolves `<<` merge keys in a plain value (explicit keys win, earlier merge sources win). */
export function resolveMerges(v: unknown, depth = 0): unknown {
  if (depth > MAX_MERGE_DEPTH) return v;
  if (Array.isArray(v)) return v.map((x) => resolveMerges(x, depth + 1));
  if (!isObj(v)) return v;
  const out: Obj = {};
  const merge = v['<<'];
  if (merge !== undefined) {
    const sources = Array.isArray(merge) ? merge : [merge];
    for (const s of [...sources].reverse()) {
      const r = resolveMerges(s, depth + 1);
      if (isObj(r)) Object.assign(out, r);
    }
  }
  for (const [k, x] of Object.entries(v)) if (k !== '<<') out[k] = resolveMerges(x, depth + 1);
  return out;
}

function envOf(svc: Obj, base: Path): ComposeEnv[] {
  const env = svc.environment;
  const out: ComposeEnv[] = [];
  if (Array.isArray(env)) {
    env.forEach((e, i) => {
      const s = str(e);
      if (s === undefined) return;
      const eq = s.indexOf('=');
      out.push(eq === -1 ? { name: s, path: [...base, 'environment', i] } : { name: s.slice(0, eq), value: s.slice(eq + 1), path: [...base, 'environment', i] });
    });
  } else if (isObj(env)) {
    for (const [k, v] of Object.entries(env)) out.push({ name: k, ...(v === null || v === undefined ? {} : { value: str(v) ?? '' }), path: [...base, 'environment', k] });
  }
  return out;
}

/** Short syntax `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]` (IPv6 host IPs in brackets) and long syntax. */
export function parsePort(spec: unknown, path: Path): ComposePort | undefined {
  if (isObj(spec)) {
    const target = str(spec.target);
    if (!target) return undefined;
    return { target, path, ...(str(spec.host_ip) ? { hostIp: str(spec.host_ip) } : {}), ...(str(spec.published) ? { published: str(spec.published) } : {}) };
  }
  const s = str(spec);
  if (!s) return undefined;
  let rest = s.replace(/\/(tcp|udp|sctp)$/i, '');
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    hostIp = rest.slice(1, end);
    rest = rest.slice(end + 2);
  }
  const parts = rest.split(':');
  if (!hostIp && parts.length === 3) hostIp = parts.shift();
  const target = parts[parts.length - 1];
  const published = parts.length === 2 ? parts[0] : undefined;
  return { target, path, ...(hostIp ? { hostIp } : {}), ...(published ? { published } : {}) };
}

export function buildComposeModel(yaml: YamlModel): ComposeModel {
  const doc = yaml.documents.find((d) => isObj(d.value) && isObj(d.value.services) && d.value.apiVersion === undefined);
  if (!doc) return new ComposeModel(yaml, undefined, []);
  const services: ComposeService[] = [];
  const raw = (doc.value as Obj).services as Obj;
  for (const name of Object.keys(raw)) {
    const value = resolveMerges(raw[name]);
    if (!isObj(value)) continue;
    const path = ['services', name];
    const ports: ComposePort[] = [];
    if (Array.isArray(value.ports)) value.ports.forEach((p, i) => { const r = parsePort(p, [...path, 'ports', i]); if (r) ports.push(r); });
    services.push({ name, path, value, ...(str(value.image) ? { image: str(value.image) } : {}), env: envOf(value, path), ports });
  }
  return new ComposeModel(yaml, doc, services);
}

/** Compose by name, or a YAML file whose top-level `services` entries look like containers. */
function looksLikeCompose(yaml: YamlModel): boolean {
  const d = yaml.documents[0];
  if (!d || !isObj(d.value) || !isObj(d.value.services) || d.value.apiVersion !== undefined) return false;
  return Object.values(d.value.services).some((s) => isObj(s) && (s.image !== undefined || s.build !== undefined));
}

const EMPTY_YAML = parseYamlText('');

export const composeParser: Parser<ComposeModel> = {
  id: 'compose',
  accepts: (entry: Entry) => yamlParser.accepts(entry),
  async parse(entry, ctx) {
    // A compose file has a top-level `services:`; other YAML is not parsed for this.
    if (!COMPOSE_NAME.test(entry.name) && !(await ctx.use(textParser)).text.includes('services')) return new ComposeModel(EMPTY_YAML, undefined, []);
    const yaml = await ctx.use(yamlParser);
    if (!COMPOSE_NAME.test(entry.name) && !looksLikeCompose(yaml)) return new ComposeModel(yaml, undefined, []);
    return buildComposeModel(yaml);
  },
};
