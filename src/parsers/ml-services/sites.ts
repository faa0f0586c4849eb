// Every place an ML service is configured in one file — a Kubernetes container, a compose service, a
// ConfigMap holding a service's config file, a standalone config file, a Ray cluster-launcher
// command — analysed once (analyze.ts: the services it runs and the settings given for each) and
// joined to how it is reachable: Services and Ingresses selecting the pod, KubeRay head service types,
// KServe gateway visibility, hostNetwork/hostPort, compose port publishing. Joins are within the
// scanned file/stream (see docs/infra-k8s.md). Facts only: the platform rules judge them.
import { isScalar } from 'yaml';
import type { Entry, Parser } from '../../core/types.js';
import { getAt, isObj, k8sParser, str, type ContainerRef, type K8sModel, type K8sObject, type Path, type PodRef } from '../k8s/k8s.js';
import { composeParser, type ComposeModel, type ComposeService } from '../compose/compose.js';
import { yamlParser, type YamlModel } from '../yaml/yaml.js';
import { textParser } from '../text/text.js';
import { dockerfileParser, expandVars, keyValues, type DockerfileModel, type Instruction } from '../dockerfile/dockerfile.js';
import { analyzeInvocation, hasFacts, type Analysis, type DetectedService, type SettingWhere } from './analyze.js';
import { CONFIG_FILE_NAME, configKind } from './config-files.js';
import { splitShell } from './shell.js';

export type ExposureLevel = 'external' | 'gateway' | 'host' | 'cluster' | 'local' | 'unknown';
export const LEVEL_ORDER: ExposureLevel[] = ['external', 'gateway', 'host', 'unknown', 'cluster', 'local'];

export interface Exposure {
  level: ExposureLevel;
  /** What makes it reachable: `Service ml/ray-head (LoadBalancer)`, `ports "11434:11434"`. */
  via: string;
  line: number;
  ports?: string[];
  /** A Service/Ingress/port object the exposure rule reports at (undefined for defaults). */
  reportable: boolean;
}

export interface Site {
  kind: 'k8s' | 'compose' | 'configmap' | 'config-file' | 'ray-launcher' | 'dockerfile' | 'helm-values';
  label: string;
  /** Stable fingerprint key. */
  key: string;
  analysis: Analysis;
  line(where: SettingWhere): number;
  exposures: Exposure[];
  properties: Record<string, unknown>;
  /** Kubernetes sites: what a Service in another file must match to expose this container (scan-wide joins). */
  join?: { obj: K8sObject; labels: Record<string, string>; ports: string[]; portNames: Record<string, string>; line: number };
}

/** A Service of a manifest stream, for joins with workloads in other files. */
export interface ServiceRecord {
  obj: K8sObject;
  name: string;
  selector: unknown;
  type: string;
  /** LoadBalancer / NodePort / externalIPs: how it reaches outside, at which line. */
  external?: { via: string; line: number };
  targetPorts: string[];
  ports: string[];
}

/** A route into the cluster to a Service of a manifest stream: an Ingress backend (`service.name`), an OpenShift Route (`to` / `alternateBackends`), a Gateway API HTTPRoute / GRPCRoute `backendRef`. */
export interface IngressBackend {
  obj: K8sObject;
  /** `Ingress`, `Route`, `HTTPRoute`, `GRPCRoute`. */
  kind: string;
  /** Name of the routing object. */
  ingress: string;
  service: string;
  line: number;
  tls: boolean;
}

export class MlSitesModel {
  constructor(
    readonly sites: Site[],
    readonly k8s?: K8sModel,
    readonly services: ServiceRecord[] = [],
    readonly ingressBackends: IngressBackend[] = [],
  ) {}
}

export function strongest(exposures: Exposure[]): Exposure | undefined {
  return [...exposures].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level))[0];
}

// ---------------------------------------------------------------- Kubernetes

const RAY_KINDS = new Set(['RayCluster', 'RayJob', 'RayService']);

interface Located {
  value: string;
  obj: K8sObject;
  path: Path;
  /** From a `secretKeyRef`: present, value unknown (`value` names the reference). */
  reference?: boolean;
}

function configMapData(model: K8sModel, ns: string | undefined, name: string): Map<string, Located> {
  const out = new Map<string, Located>();
  const cm = model.ofKind('ConfigMap').find((o) => o.name === name && (o.namespace ?? 'default') === (ns ?? 'default'));
  const data = cm?.value.data;
  if (cm && isObj(data)) for (const [k, v] of Object.entries(data)) if (str(v) !== undefined) out.set(k, { value: str(v)!, obj: cm, path: [...cm.base, 'data', k] });
  return out;
}

/** Where KubeRay objects keep their cluster spec (RayJob and RayService embed one). */
const RAY_CLUSTER_SPEC: Record<string, Path> = { RayCluster: ['spec'], RayJob: ['spec', 'rayClusterSpec'], RayService: ['spec', 'rayClusterConfig'] };

function containerEnv(model: K8sModel, c: ContainerRef): Map<string, Located> {
  const env = new Map<string, Located>();
  const obj = c.pod.obj;
  // KubeRay's `authOptions.mode: token` is how its operator sets RAY_AUTH_MODE=token on every Ray
  // container (KubeRay 1.5, Ray 2.52): read it as that variable, at the line that says it.
  const raySpec = RAY_CLUSTER_SPEC[obj.kind];
  const mode = raySpec ? str(getAt(obj.value, [...raySpec, 'authOptions', 'mode'])) : undefined;
  if (raySpec && mode !== undefined) env.set('RAY_AUTH_MODE', { value: mode, obj, path: [...obj.base, ...raySpec, 'authOptions', 'mode'] });
  if (Array.isArray(c.value.envFrom)) {
    for (const ef of c.value.envFrom) {
      const name = str(getAt(ef, ['configMapRef', 'name']));
      if (!name) continue;
      const prefix = str(getAt(ef, ['prefix'])) ?? '';
      for (const [k, v] of configMapData(model, obj.namespace, name)) env.set(prefix + k, v);
    }
  }
  const list = c.value.env;
  if (Array.isArray(list)) {
    list.forEach((e, i) => {
      if (!isObj(e) || !str(e.name)) return;
      if (str(e.value) !== undefined) {
        env.set(str(e.name)!, { value: str(e.value)!, obj, path: [...c.path, 'env', i, 'value'] });
        return;
      }
      // `valueFrom.secretKeyRef`: the credential is set, from a Secret (the way it should be).
      const secret = getAt(e, ['valueFrom', 'secretKeyRef']);
      if (isObj(secret)) {
        const ref = `<from Secret ${str(secret.name) ?? '?'} key ${str(secret.key) ?? '?'}>`;
        env.set(str(e.name)!, { value: ref, obj, path: [...c.path, 'env', i, 'valueFrom'], reference: true });
        return;
      }
      // `valueFrom.configMapKeyRef` to a ConfigMap in the same scan file: its value.
      const cmRef = getAt(e, ['valueFrom', 'configMapKeyRef']);
      if (isObj(cmRef) && str(cmRef.name) && str(cmRef.key)) {
        const hit = configMapData(model, obj.namespace, str(cmRef.name)!).get(str(cmRef.key)!);
        if (hit) env.set(str(e.name)!, hit);
      }
    });
  } else if (isObj(list)) {
    for (const [k, v] of Object.entries(list)) if (str(v) !== undefined) env.set(k, { value: str(v)!, obj, path: [...c.path, 'env', k] });
  }
  return env;
}

function argvOf(c: ContainerRef): Array<{ text: string; path: Path }> {
  const out: Array<{ text: string; path: Path }> = [];
  for (const k of ['command', 'args']) {
    const v = c.value[k];
    if (Array.isArray(v)) v.forEach((x, i) => str(x) !== undefined && out.push({ text: str(x)!, path: [...c.path, k, i] }));
    else if (typeof v === 'string') for (const cmd of splitShell(v)) for (const w of cmd) out.push({ text: w.text, path: [...c.path, k] });
  }
  // KubeRay turns rayStartParams into `ray start` flags for the first container of each group.
  const params = c.pod.owner.rayStartParams;
  if (RAY_KINDS.has(c.pod.obj.kind) && isObj(params) && c.pod.containers.find((x) => x.group === 'containers') === c) {
    const head = c.pod.role.includes('headGroupSpec');
    const base = [...c.pod.ownerPath, 'rayStartParams'];
    out.push({ text: 'ray', path: base }, { text: 'start', path: base });
    if (head) out.push({ text: '--head', path: base });
    for (const [k, v] of Object.entries(params)) out.push({ text: `--${k}=${str(v) ?? ''}`, path: [...base, k] });
  }
  return out;
}

export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === str(v));
}

/**
 * Labels the pod carries at run time: its template labels plus those the ML operators add to every
 * pod they create (what a hand-written Service selects): KubeRay `ray.io/node-type`, `ray.io/cluster`
 * (RayCluster: its name), the Kubeflow notebook controller's `notebook-name`, KServe's
 * `serving.kserve.io/inferenceservice`.
 */
export function runtimeLabels(pod: PodRef): Record<string, string> {
  const obj = pod.obj;
  const extra: Record<string, string> = {};
  if (RAY_KINDS.has(obj.kind)) {
    const head = pod.role.includes('headGroupSpec');
    if (head || pod.role.includes('workerGroupSpecs')) {
      extra['ray.io/node-type'] = head ? 'head' : 'worker';
      extra['ray.io/is-ray-node'] = 'yes';
      if (obj.kind === 'RayCluster' && obj.name) extra['ray.io/cluster'] = obj.name;
      const group = head ? 'headgroup' : str(pod.owner.groupName);
      if (group) extra['ray.io/group'] = group;
    }
  } else if (obj.kind === 'Notebook' && obj.name) extra['notebook-name'] = obj.name;
  else if (obj.kind === 'InferenceService' && obj.name) extra['serving.kserve.io/inferenceservice'] = obj.name;
  return Object.keys(extra).length ? { ...extra, ...pod.labels } : pod.labels;
}

interface ServiceExposure extends Exposure {
  serviceName: string;
  targetPorts: string[];
}

function podExposures(model: K8sModel, pod: PodRef): ServiceExposure[] {
  const out: ServiceExposure[] = [];
  const labels = runtimeLabels(pod);
  const obj = pod.obj;
  const ns = obj.namespace ?? 'default';
  const hn = pod.field('hostNetwork');
  if (hn && (hn.value === true || hn.value === 'true')) out.push({ level: 'host', via: 'hostNetwork: true', line: model.lineOf(obj, hn.path), reportable: true, serviceName: '', targetPorts: [] });
  if (RAY_KINDS.has(obj.kind) && pod.role.includes('headGroupSpec')) {
    const st = str(pod.owner.serviceType);
    if (st === 'LoadBalancer' || st === 'NodePort') out.push({ level: 'external', via: `Ray head serviceType: ${st}`, line: model.lineOf(obj, [...pod.ownerPath, 'serviceType']), reportable: true, serviceName: '', targetPorts: [] });
    if (pod.owner.enableIngress === true) out.push({ level: 'external', via: 'Ray head enableIngress: true', line: model.lineOf(obj, [...pod.ownerPath, 'enableIngress']), reportable: true, serviceName: '', targetPorts: [] });
  }
  if (obj.kind === 'InferenceService') {
    const local = obj.labels['networking.kserve.io/visibility'] === 'cluster-local' || obj.labels['networking.knative.dev/visibility'] === 'cluster-local';
    if (!local) out.push({ level: 'gateway', via: 'KServe ingress gateway (no cluster-local visibility label)', line: obj.line, reportable: true, serviceName: '', targetPorts: [] });
  }
  const ingressed = new Map<string, IngressBackend>();
  for (const b of routesOf(model)) if ((b.obj.namespace ?? 'default') === ns && !ingressed.has(b.service)) ingressed.set(b.service, b);
  for (const svc of model.ofKind('Service')) {
    if ((svc.namespace ?? 'default') !== ns || !selectorMatches(getAt(svc.value, ['spec', 'selector']), labels)) continue;
    const type = str(getAt(svc.value, ['spec', 'type'])) ?? 'ClusterIP';
    const ports = getAt(svc.value, ['spec', 'ports']);
    const targetPorts = Array.isArray(ports) ? ports.flatMap((p) => (str(getAt(p, ['targetPort'])) ?? str(getAt(p, ['port'])) ? [str(getAt(p, ['targetPort'])) ?? str(getAt(p, ['port']))!] : [])) : [];
    const shown = Array.isArray(ports) ? ports.map((p) => str(getAt(p, ['port'])) ?? '?') : [];
    const base = { serviceName: svc.name, targetPorts, ports: shown };
    const externalIPs = getAt(svc.value, ['spec', 'externalIPs']);
    if (type === 'LoadBalancer' || type === 'NodePort') out.push({ level: 'external', via: `Service ${svc.name} (${type})`, line: model.lineOf(svc, [...svc.base, 'spec', 'type']), reportable: true, ...base });
    else if (Array.isArray(externalIPs) && externalIPs.length) out.push({ level: 'external', via: `Service ${svc.name} (externalIPs)`, line: model.lineOf(svc, [...svc.base, 'spec', 'externalIPs']), reportable: true, ...base });
    const ing = ingressed.get(svc.name);
    if (ing) out.push({ level: 'external', via: `${ing.kind} ${ing.ingress} → Service ${svc.name}${ing.tls ? '' : ' (no TLS)'}`, line: ing.line, reportable: true, ...base });
    if (type === 'ClusterIP' && !ing) out.push({ level: 'cluster', via: `Service ${svc.name} (ClusterIP)`, line: model.lineOf(svc, [...svc.base, 'spec']), reportable: false, ...base });
  }
  return out;
}

const GATEWAY_ROUTES = new Set(['HTTPRoute', 'GRPCRoute']);

/**
 * Every route into the cluster of the stream, by the Service it reaches: Ingress backends
 * (`service.name`, v1beta1 `serviceName`), OpenShift Routes (`route.openshift.io`: `to` and
 * `alternateBackends` of kind Service; TLS from `spec.tls`), Gateway API HTTPRoute / GRPCRoute
 * `backendRefs` to core Services in the route's namespace (TLS is terminated at the Gateway listener,
 * not seen here: not reported as missing). Knative `Route`s (serving.knative.dev) are not OpenShift Routes.
 */
export function routeBackends(model: K8sModel): IngressBackend[] {
  const out: IngressBackend[] = [];
  for (const ing of model.ofKind('Ingress')) {
    const tls = Array.isArray(getAt(ing.value, ['spec', 'tls']));
    const add = (name: unknown, path: Path) => str(name) && out.push({ obj: ing, kind: 'Ingress', ingress: ing.name, service: str(name)!, line: model.lineOf(ing, path), tls });
    add(getAt(ing.value, ['spec', 'defaultBackend', 'service', 'name']), [...ing.base, 'spec', 'defaultBackend']);
    const rules = getAt(ing.value, ['spec', 'rules']);
    if (Array.isArray(rules)) rules.forEach((r, i) => {
      const paths = getAt(r, ['http', 'paths']);
      if (Array.isArray(paths)) paths.forEach((p, j) => add(getAt(p, ['backend', 'service', 'name']) ?? getAt(p, ['backend', 'serviceName']), [...ing.base, 'spec', 'rules', i, 'http', 'paths', j, 'backend']));
    });
  }
  for (const r of model.ofKind('Route')) {
    if (!r.apiVersion.startsWith('route.openshift.io/')) continue;
    const tls = isObj(getAt(r.value, ['spec', 'tls']));
    const add = (ref: unknown, path: Path) => {
      const kind = str(getAt(ref, ['kind'])) ?? 'Service';
      const name = str(getAt(ref, ['name']));
      if (kind === 'Service' && name) out.push({ obj: r, kind: 'Route', ingress: r.name, service: name, line: model.lineOf(r, path), tls });
    };
    add(getAt(r.value, ['spec', 'to']), [...r.base, 'spec', 'to']);
    const alt = getAt(r.value, ['spec', 'alternateBackends']);
    if (Array.isArray(alt)) alt.forEach((a, i) => add(a, [...r.base, 'spec', 'alternateBackends', i]));
  }
  for (const kind of GATEWAY_ROUTES) {
    for (const r of model.ofKind(kind)) {
      if (!r.apiVersion.startsWith('gateway.networking.k8s.io/')) continue;
      const rules = getAt(r.value, ['spec', 'rules']);
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule, i) => {
        const refs = getAt(rule, ['backendRefs']);
        if (!Array.isArray(refs)) return;
        refs.forEach((ref, j) => {
          const name = str(getAt(ref, ['name']));
          const refKind = str(getAt(ref, ['kind'])) ?? 'Service';
          const group = str(getAt(ref, ['group'])) ?? '';
          const refNs = str(getAt(ref, ['namespace']));
          if (!name || refKind !== 'Service' || group !== '' || (refNs !== undefined && refNs !== (r.namespace ?? 'default'))) return;
          out.push({ obj: r, kind, ingress: r.name, service: name, line: model.lineOf(r, [...r.base, 'spec', 'rules', i, 'backendRefs', j]), tls: true });
        });
      });
    }
  }
  return out;
}

const ROUTES = new WeakMap<K8sModel, IngressBackend[]>();
/** routeBackends, computed once per stream (podExposures runs per pod). */
function routesOf(model: K8sModel): IngressBackend[] {
  let r = ROUTES.get(model);
  if (!r) ROUTES.set(model, (r = routeBackends(model)));
  return r;
}

/** Every Service and Ingress backend of the stream, for scan-wide joins (done once every file was read). */
export function exposureObjects(model: K8sModel): { services: ServiceRecord[]; ingressBackends: IngressBackend[] } {
  const services: ServiceRecord[] = [];
  const ingressBackends: IngressBackend[] = [];
  for (const svc of model.ofKind('Service')) {
    const type = str(getAt(svc.value, ['spec', 'type'])) ?? 'ClusterIP';
    const ports = getAt(svc.value, ['spec', 'ports']);
    const targetPorts = Array.isArray(ports) ? ports.flatMap((p) => (str(getAt(p, ['targetPort'])) ?? str(getAt(p, ['port'])) ? [str(getAt(p, ['targetPort'])) ?? str(getAt(p, ['port']))!] : [])) : [];
    const shown = Array.isArray(ports) ? ports.map((p) => str(getAt(p, ['port'])) ?? '?') : [];
    const externalIPs = getAt(svc.value, ['spec', 'externalIPs']);
    const external =
      type === 'LoadBalancer' || type === 'NodePort' ? { via: `Service ${svc.name} (${type})`, line: model.lineOf(svc, [...svc.base, 'spec', 'type']) }
      : Array.isArray(externalIPs) && externalIPs.length ? { via: `Service ${svc.name} (externalIPs)`, line: model.lineOf(svc, [...svc.base, 'spec', 'externalIPs']) }
      : undefined;
    services.push({ obj: svc, name: svc.name, selector: getAt(svc.value, ['spec', 'selector']), type, ...(external ? { external } : {}), targetPorts, ports: shown });
  }
  ingressBackends.push(...routesOf(model));
  return { services, ingressBackends };
}

/** Ports a container serves: declared containerPorts (number and name), plus the detected services' defaults. */
function containerPorts(c: ContainerRef, services: DetectedService[]): { numbers: Set<string>; names: Map<string, string>; hostPorts: Array<{ port: string; path: Path }> } {
  const numbers = new Set<string>(services.flatMap((s) => s.ports.map(String)));
  const names = new Map<string, string>();
  const hostPorts: Array<{ port: string; path: Path }> = [];
  const ports = c.value.ports;
  if (Array.isArray(ports)) ports.forEach((p, i) => {
    const n = str(getAt(p, ['containerPort']));
    if (n) numbers.add(n);
    const name = str(getAt(p, ['name']));
    if (name && n) names.set(name, n);
    const hp = str(getAt(p, ['hostPort']));
    if (hp) hostPorts.push({ port: hp, path: [...c.path, 'ports', i, 'hostPort'] });
  });
  return { numbers, names, hostPorts };
}

function k8sSites(model: K8sModel): Site[] {
  const sites: Site[] = [];
  for (const pod of model.pods) {
    const podExp = podExposures(model, pod);
    for (const c of pod.containers) {
      if (c.group === 'initContainers') continue;
      const argv = argvOf(c);
      const env = containerEnv(model, c);
      const analysis = analyzeInvocation({
        argv: argv.map((a) => a.text), env: Object.fromEntries([...env].map(([k, v]) => [k, v.value])), envReferences: [...env].filter(([, v]) => v.reference).map(([k]) => k), ...(c.image ? { image: c.image } : {}),
        ...(c.group === 'framework' ? { service: 'kserve' } : {}), head: pod.role.includes('headGroupSpec'),
      });
      if (!hasFacts(analysis)) continue;
      const ports = containerPorts(c, analysis.services);
      const exposures: Exposure[] = [];
      for (const e of podExp) {
        if (!e.serviceName) {
          exposures.push(e);
          continue;
        }
        const hit = e.targetPorts.some((t) => ports.numbers.has(ports.names.get(t) ?? t));
        if (hit) exposures.push(e);
      }
      for (const hp of ports.hostPorts) exposures.push({ level: 'host', via: `hostPort ${hp.port}`, line: model.lineOf(pod.obj, hp.path), reportable: true, ports: [hp.port] });
      if (!exposures.some((e) => e.level !== 'local')) exposures.push({ level: 'cluster', via: 'pod network', line: model.lineOf(pod.obj, c.path), reportable: false });
      const obj = pod.obj;
      const label = `${obj.kind} ${obj.namespace ? `${obj.namespace}/` : ''}${obj.name}${pod.role ? ` ${pod.role}` : ''} container '${c.name}'`;
      sites.push({
        kind: 'k8s', label: obj.source ? `${label} (from ${obj.source})` : label,
        key: `${obj.kind}/${obj.namespace ?? ''}/${obj.name}/${pod.role}/${c.name}`,
        analysis, exposures,
        line: (w) => {
          if (w.kind === 'arg') {
            const a = argv[w.index];
            return a ? model.lineOf(obj, a.path) : model.lineOf(obj, c.path);
          }
          if (w.kind === 'env') {
            const e = env.get(w.name);
            return e ? model.lineOf(e.obj, e.path) : model.lineOf(obj, c.path);
          }
          return model.lineOf(obj, argv.length ? argv[0].path : c.path);
        },
        properties: { kind: obj.kind, name: obj.name, ...(obj.namespace ? { namespace: obj.namespace } : {}), container: c.name, ...(obj.source ? { template: obj.source } : {}) },
        join: { obj, labels: runtimeLabels(pod), ports: [...ports.numbers], portNames: Object.fromEntries(ports.names), line: model.lineOf(obj, c.path) },
      });
    }
  }
  return sites;
}

function configMapSites(model: K8sModel): Site[] {
  const sites: Site[] = [];
  for (const cm of model.ofKind('ConfigMap')) {
    const data = cm.value.data;
    if (!isObj(data)) continue;
    for (const [key, raw] of Object.entries(data)) {
      const text = str(raw);
      const kind = text !== undefined ? configKind(key, text) : undefined;
      if (!kind || text === undefined) continue;
      const values = kind.read(text);
      const valuePath = [...cm.base, 'data', key];
      const node = cm.doc.doc.getIn(valuePath, true);
      const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
      const outer = model.lineOf(cm, valuePath);
      const config = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value]));
      sites.push({
        kind: 'configmap', label: `ConfigMap ${cm.namespace ? `${cm.namespace}/` : ''}${cm.name} (${key})${cm.source ? ` (from ${cm.source})` : ''}`,
        key: `ConfigMap/${cm.namespace ?? ''}/${cm.name}/${key}`,
        analysis: analyzeInvocation({ config, service: kind.service }),
        exposures: [{ level: 'unknown', via: 'config', line: outer, reportable: false }],
        line: (w) => (w.kind === 'config' && values[w.key] && block ? outer + values[w.key].line : outer),
        properties: { kind: 'ConfigMap', name: cm.name, configKey: key, ...(cm.namespace ? { namespace: cm.namespace } : {}) },
      });
    }
  }
  return sites;
}

// ---------------------------------------------------------------- Compose

const COMPOSE_LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

function composeArgv(svc: ComposeService): Array<{ text: string; path: Path }> {
  const out: Array<{ text: string; path: Path }> = [];
  for (const k of ['entrypoint', 'command']) {
    const v = svc.value[k];
    const path = [...svc.path, k];
    if (Array.isArray(v)) v.forEach((x, i) => str(x) !== undefined && out.push({ text: str(x)!, path: [...path, i] }));
    else if (typeof v === 'string') for (const cmd of splitShell(v)) for (const w of cmd) out.push({ text: w.text, path });
  }
  return out;
}

function composeSites(model: ComposeModel): Site[] {
  const sites: Site[] = [];
  for (const svc of model.services) {
    const argv = composeArgv(svc);
    const env = new Map(svc.env.filter((e) => e.value !== undefined).map((e) => [e.name, e]));
    const analysis = analyzeInvocation({ argv: argv.map((a) => a.text), env: Object.fromEntries([...env].map(([k, v]) => [k, v.value!])), ...(svc.image ? { image: svc.image } : {}) });
    if (!hasFacts(analysis)) continue;
    const exposures: Exposure[] = [];
    for (const p of svc.ports) {
      if (!p.published && !p.target) continue;
      const loopback = p.hostIp !== undefined && COMPOSE_LOOPBACK.test(p.hostIp);
      const shown = `${p.hostIp ? `${p.hostIp}:` : ''}${p.published ?? ''}${p.published ? ':' : ''}${p.target}`;
      exposures.push({ level: loopback ? 'local' : 'external', via: `ports "${shown}"${loopback ? '' : ' (all interfaces)'}`, line: model.lineOf(p.path), reportable: !loopback, ports: [p.published ?? p.target] });
    }
    if (str(svc.value.network_mode) === 'host') exposures.push({ level: 'host', via: 'network_mode: host', line: model.lineOf([...svc.path, 'network_mode']), reportable: true });
    if (!exposures.length) exposures.push({ level: 'cluster', via: 'compose network only', line: model.lineOf(svc.path), reportable: false });
    sites.push({
      kind: 'compose', label: `compose service '${svc.name}'`, key: `compose/${svc.name}`, analysis, exposures,
      line: (w) => {
        if (w.kind === 'arg') return model.lineOf(argv[w.index]?.path ?? svc.path);
        if (w.kind === 'env') return model.lineOf(env.get(w.name)?.path ?? svc.path);
        return model.lineOf(argv.length ? argv[0].path : svc.image ? [...svc.path, 'image'] : svc.path);
      },
      properties: { service: svc.name },
    });
  }
  return sites;
}

// ---------------------------------------------------------------- Ray cluster launcher, config files

const RAY_LAUNCHER_KEYS = ['head_start_ray_commands', 'worker_start_ray_commands'];

function rayLauncherSites(yaml: YamlModel): Site[] {
  const sites: Site[] = [];
  for (const d of yaml.documents) {
    if (!isObj(d.value)) continue;
    for (const key of RAY_LAUNCHER_KEYS) {
      const list = d.value[key];
      if (!Array.isArray(list)) continue;
      list.forEach((cmd, i) => {
        if (typeof cmd !== 'string') return;
        const line = yaml.lineOf(d, [key, i]);
        const analysis = analyzeInvocation({ argv: ['sh', '-c', cmd], head: key.startsWith('head') });
        if (!analysis.services.length) return;
        sites.push({
          kind: 'ray-launcher', label: `Ray cluster launcher ${key}[${i}]`, key: `ray-launcher/${key}/${i}`, analysis,
          exposures: [{ level: 'host', via: 'VM network (cluster launcher)', line, reportable: false }],
          line: () => line, properties: { launcherKey: key },
        });
      });
    }
  }
  return sites;
}

function configFileSite(name: string, text: string): Site[] {
  const kind = configKind(name, text);
  if (!kind) return [];
  const values = kind.read(text);
  const config = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value]));
  return [{
    kind: 'config-file', label: `${name}`, key: `config/${name}`, analysis: analyzeInvocation({ config, service: kind.service }),
    exposures: [{ level: 'unknown', via: 'config file', line: 1, reportable: false }],
    line: (w) => (w.kind === 'config' ? values[w.key]?.line ?? 1 : 1), properties: { service: kind.service },
  }];
}

// ---------------------------------------------------------------- Zero to JupyterHub Helm values

const Z2JH_TOP = ['hub', 'proxy', 'singleuser'];
/** Keys only the JupyterHub chart has under its top-level sections: one is enough to recognise a values file. */
const Z2JH_MARKERS: Record<string, string[]> = {
  hub: ['config', 'extraConfig', 'cookieSecret', 'db', 'loadRoles', 'services', 'allowNamedServers', 'concurrentSpawnLimit'],
  proxy: ['secretToken', 'chp', 'https', 'traefik'],
  singleuser: ['image', 'profileList', 'storage', 'cmd', 'uid', 'fsGid', 'defaultUrl', 'extraEnv', 'cloudMetadata', 'allowPrivilegeEscalation', 'memory', 'cpu'],
};
export const Z2JH_TEXT = /^(?:hub|proxy|singleuser|jupyterhub):/m;

/** The chart's values root in a document: the document itself, or `jupyterhub:` of an umbrella chart (daskhub, binderhub). */
function z2jhRoot(value: unknown): Path | undefined {
  if (!isObj(value) || value.apiVersion !== undefined || value.kind !== undefined) return undefined;
  const looks = (v: Record<string, unknown>) => {
    const tops = Z2JH_TOP.filter((k) => isObj(v[k]));
    return tops.length >= 2 || tops.some((k) => Z2JH_MARKERS[k].some((m) => (v[k] as Record<string, unknown>)[m] !== undefined));
  };
  if (looks(value)) return [];
  if (isObj(value.jupyterhub) && looks(value.jupyterhub)) return ['jupyterhub'];
  return undefined;
}

/** A z2jh values file read as JupyterHub config: `hub.config.<Class>.<trait>` → `Class.trait`, chart keys → spawner traits. */
function z2jhSites(yaml: YamlModel): Site[] {
  const sites: Site[] = [];
  for (const d of yaml.documents) {
    const root = z2jhRoot(d.value);
    if (!root) continue;
    const v = (root.length ? getAt(d.value, root) : d.value) as Record<string, unknown>;
    const values: Record<string, { value: string; path: Path }> = {};
    const put = (key: string, rel: Path) => {
      const x = getAt(v, rel);
      const sx = x === null ? undefined : str(x);
      if (sx !== undefined) values[key] = { value: sx, path: [...root, ...rel] };
    };
    const config = getAt(v, ['hub', 'config']);
    if (isObj(config)) {
      for (const [cls, traits] of Object.entries(config)) {
        if (!isObj(traits)) continue;
        for (const t of Object.keys(traits)) put(`${cls}.${t}`, ['hub', 'config', cls, t]);
      }
    }
    // Chart keys that become spawner traits (files/hub/jupyterhub_config.py of the chart).
    put('KubeSpawner.uid', ['singleuser', 'uid']);
    put('KubeSpawner.allow_privilege_escalation', ['singleuser', 'allowPrivilegeEscalation']);
    const env = getAt(v, ['singleuser', 'extraEnv']);
    if (isObj(env)) for (const k of Object.keys(env)) put(`KubeSpawner.environment.${k}`, ['singleuser', 'extraEnv', k]);
    put('proxy.service.type', ['proxy', 'service', 'type']);
    put('proxy.https.enabled', ['proxy', 'https', 'enabled']);
    put('ingress.enabled', ['ingress', 'enabled']);
    // Chart 0.x (before hub.config): auth.type, auth.dummy.password, auth.admin.access.
    if (values['JupyterHub.authenticator_class'] === undefined) put('JupyterHub.authenticator_class', ['auth', 'type']);
    if (values['DummyAuthenticator.password'] === undefined) put('DummyAuthenticator.password', ['auth', 'dummy', 'password']);
    if (values['JupyterHub.admin_access'] === undefined) put('JupyterHub.admin_access', ['auth', 'admin', 'access']);

    const analysis = analyzeInvocation({ config: Object.fromEntries(Object.entries(values).map(([k, x]) => [k, x.value])), service: 'jupyterhub' });
    const rootLine = yaml.lineOf(d, root.length ? root : [Object.keys(v)[0] ?? 'hub']);
    // Exposure from the chart's own objects: the proxy Service (LoadBalancer by chart default) and the optional Ingress.
    const exposures: Exposure[] = [];
    const type = values['proxy.service.type'];
    const ingress = values['ingress.enabled'];
    if (ingress && /^(true|yes|on)$/i.test(ingress.value)) exposures.push({ level: 'external', via: 'chart Ingress (ingress.enabled: true)', line: yaml.lineOf(d, ingress.path), reportable: false });
    if (!type) exposures.push({ level: 'external', via: 'proxy Service (chart default type LoadBalancer)', line: rootLine, reportable: false });
    else if (/^(LoadBalancer|NodePort)$/.test(type.value)) exposures.push({ level: 'external', via: `proxy Service (proxy.service.type: ${type.value})`, line: yaml.lineOf(d, type.path), reportable: false });
    else exposures.push({ level: 'cluster', via: `proxy Service (proxy.service.type: ${type.value})`, line: yaml.lineOf(d, type.path), reportable: false });
    const prefix = root.length ? `${root.join('.')}.` : '';
    sites.push({
      kind: 'helm-values', label: `JupyterHub Helm values${prefix ? ` (${prefix.slice(0, -1)})` : ''}`, key: `z2jh/${root.join('.')}`, analysis, exposures,
      line: (w) => (w.kind === 'config' && values[w.key] ? yaml.lineOf(d, values[w.key].path) : rootLine),
      properties: { service: 'jupyterhub', chart: 'jupyterhub' },
    });
  }
  return sites;
}

// ---------------------------------------------------------------- Dockerfiles

/** The final stage's ENTRYPOINT + CMD and literal ENV: how the image starts its ML service by default. */
export function dockerfileSites(df: DockerfileModel): Site[] {
  const stage = df.finalStage;
  if (!stage) return [];
  const argv: Array<{ text: string; line: number }> = [];
  const env = new Map<string, { value: string; line: number }>();
  let entrypoint: Instruction | undefined;
  let cmd: Instruction | undefined;
  // The ARG/ENV values visible at each instruction, kept up to date in one pass (what df.varsAt(inst)
  // computes from scratch: calling it per ENV made a file of many ENV lines quadratic).
  const vars = df.varsAt(stage.from);
  for (const inst of stage.instructions) {
    if (inst.keyword === 'ENTRYPOINT') entrypoint = inst;
    else if (inst.keyword === 'CMD') cmd = inst;
    else if (inst.keyword === 'ENV') for (const kv of keyValues(inst)) if (kv.value !== undefined) env.set(kv.key, { value: expandVars(kv.value, vars).value, line: inst.line });
    if (inst.keyword === 'ARG' || inst.keyword === 'ENV') for (const kv of keyValues(inst)) if (kv.value !== undefined) vars.set(kv.key, expandVars(kv.value, vars).value);
  }
  // Docker appends CMD to an exec-form ENTRYPOINT; a shell-form ENTRYPOINT ignores CMD.
  const words = (i: Instruction) => (i.exec ?? ['/bin/sh', '-c', i.rest]).map((text) => ({ text, line: i.line }));
  if (entrypoint) argv.push(...words(entrypoint));
  if (cmd && (!entrypoint || entrypoint.exec)) argv.push(...words(cmd));
  const analysis = analyzeInvocation({ argv: argv.map((a) => a.text), env: Object.fromEntries([...env].map(([k, v]) => [k, v.value])), image: stage.imageResolved });
  if (!hasFacts(analysis)) return [];
  const fallback = (entrypoint ?? cmd ?? stage.from).line;
  return [
    {
      kind: 'dockerfile',
      label: `image built by this Dockerfile${stage.name ? ` (stage ${stage.name})` : ''}`,
      key: `dockerfile/${stage.index}`,
      analysis,
      // Where the image is published is decided at deploy time: judged like an unknown network.
      exposures: [{ level: 'unknown', via: 'set where the image is deployed', line: fallback, reportable: false }],
      line: (w) => (w.kind === 'arg' ? (argv[w.index]?.line ?? fallback) : w.kind === 'env' ? (env.get(w.name)?.line ?? fallback) : fallback),
      properties: { stage: stage.index },
    },
  ];
}

export const mlSitesParser: Parser<MlSitesModel> = {
  id: 'ml-sites',
  accepts: (entry: Entry) => k8sParser.accepts(entry) || dockerfileParser.accepts(entry) || (entry.type.text && CONFIG_FILE_NAME.test(entry.name)),
  async parse(entry, ctx) {
    if (dockerfileParser.accepts(entry)) return new MlSitesModel(dockerfileSites(await ctx.use(dockerfileParser)));
    if (CONFIG_FILE_NAME.test(entry.name)) return new MlSitesModel(configFileSite(entry.name, (await ctx.use(textParser)).text));
    const k8s = await ctx.use(k8sParser);
    const sites = [...k8sSites(k8s), ...configMapSites(k8s)];
    if (yamlParser.accepts(entry)) {
      // Cheap text checks first: only compose files and Ray cluster-launcher configs pay for a YAML parse here.
      const { text } = await ctx.use(textParser);
      if (text.includes('services')) sites.push(...composeSites(await ctx.use(composeParser)));
      if (text.includes('_start_ray_commands')) sites.push(...rayLauncherSites(await ctx.use(yamlParser)));
      if (Z2JH_TEXT.test(text)) sites.push(...z2jhSites(await ctx.use(yamlParser)));
    }
    const { services, ingressBackends } = exposureObjects(k8s);
    return new MlSitesModel(sites, k8s, services, ingressBackends);
  },
};

