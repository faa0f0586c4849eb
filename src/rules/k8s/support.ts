// Shared plumbing for the Kubernetes rules: where a finding points, how it is keyed, which pods use
// GPUs, which are NVIDIA's own operator components, and effective security-context values.
import type { RuleContext, Severity } from '../../core/types.js';
import { getAt, isObj, str, type ContainerRef, type K8sModel, type K8sObject, type Path, type PodRef } from '../../parsers/k8s/k8s.js';
import { isNvidiaComponentImage, NVIDIA_COMPONENT_NAMESPACES } from '../../parsers/k8s/gpu.js';
import { isOperatorFilled } from '../../knowledge/placeholders.js';

export const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
export const PSS_BASELINE = `${PSS}#baseline`;
export const PSS_RESTRICTED = `${PSS}#restricted`;
export const NIST_190 = (section: string) => `https://nvlpubs.nist.gov/nistpubs/SpecialPublications/NIST.SP.800-190.pdf#${section}`;
export const ATLAS = (t: string) => `https://atlas.mitre.org/techniques/${t}`;

export function describeObj(o: K8sObject): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name || '(unnamed)'}`;
}

export function where(c: ContainerRef | PodRef): string {
  const pod = 'pod' in c ? c.pod : c;
  const role = pod.role ? ` ${pod.role}` : '';
  const cont = 'pod' in c ? ` container '${c.name}'` : '';
  return `${describeObj(pod.obj)}${role}${cont}`;
}

/** Reports at the exact line of `path`, with the object's identity (and chart template) in properties. */
export function reportAt(
  model: K8sModel, ctx: RuleContext, obj: K8sObject, path: Path,
  f: { message: string; key: string; evidence?: string; severity?: Severity; secret?: string; extra?: Record<string, unknown> },
): void {
  const source = obj.source ? ` (from ${obj.source})` : '';
  ctx.report({
    message: f.message + source,
    location: { line: model.lineOf(obj, path) },
    key: `${obj.kind}/${obj.namespace ?? ''}/${obj.name}/${f.key}`,
    ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    ...(f.secret !== undefined ? { secret: f.secret } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    properties: {
      kind: obj.kind, name: obj.name, ...(obj.namespace ? { namespace: obj.namespace } : {}),
      ...(obj.source ? { template: obj.source } : {}), ...f.extra,
    },
  });
}

export function containerKey(c: ContainerRef): string {
  return `${c.pod.role}/${c.group}/${c.name}`;
}

export function requestsGpu(c: ContainerRef): boolean {
  return c.gpuLimits.length > 0 || c.gpuRequests.length > 0;
}

/** A pod uses GPUs when any container asks for one, or a Ray group starts with num-gpus > 0. */
export function podUsesGpu(p: PodRef): boolean {
  if (p.containers.some(requestsGpu)) return true;
  const n = Number(str(getAt(p.owner, ['rayStartParams', 'num-gpus'])) ?? 0);
  return n > 0;
}

/**
 * NVIDIA GPU Operator / device-plugin pods: every image is an NVIDIA component, in an operator
 * namespace (or none given). Also the operator's own templates of them (its `assets/state-*`
 * manifests): an NVIDIA-named object whose every image, and namespace if any, is left for the
 * operator to fill in. Such a template cannot be applied as it stands; what runs is what the
 * operator renders from it, with the privileges its components need by design.
 */
export function isNvidiaComponent(p: PodRef): boolean {
  if (!p.containers.length) return false;
  const namespaceOk = (ns: string | undefined) => ns === undefined || NVIDIA_COMPONENT_NAMESPACES.has(ns);
  if (p.containers.every((c) => isNvidiaComponentImage(c.image))) return namespaceOk(p.obj.namespace);
  const operatorTemplate = p.containers.every((c) => c.image !== undefined && isOperatorFilled(c.image));
  return operatorTemplate && /nvidia|gpu/i.test(p.obj.name) && (namespaceOk(p.obj.namespace) || isOperatorFilled(p.obj.namespace!));
}

/** Records recognised NVIDIA components in the inventory once per object (rules skip them). */
export function noteNvidiaComponent(ctx: RuleContext, p: PodRef): void {
  ctx.inventory({ kind: 'gpu-operator-component', path: ctx.entry.path, ...(ctx.entry.innerPath ? { innerPath: ctx.entry.innerPath } : {}), object: describeObj(p.obj), images: p.containers.map((c) => c.image) });
}

/** The container's securityContext value, falling back to the pod's for the fields pods can set. */
export function secField(c: ContainerRef, name: string): { value: unknown; path: Path } | undefined {
  const sc = c.value.securityContext;
  if (isObj(sc) && sc[name] !== undefined) return { value: sc[name], path: [...c.path, 'securityContext', name] };
  const psc = c.pod.field('securityContext');
  if (psc && isObj(psc.value) && psc.value[name] !== undefined) return { value: psc.value[name], path: [...psc.path, name] };
  return undefined;
}

export function containerSec(c: ContainerRef, name: string): { value: unknown; path: Path } | undefined {
  const sc = c.value.securityContext;
  return isObj(sc) && sc[name] !== undefined ? { value: sc[name], path: [...c.path, 'securityContext', name] } : undefined;
}

export function capsAdded(c: ContainerRef): Array<{ cap: string; path: Path }> {
  const add = getAt(c.value, ['securityContext', 'capabilities', 'add']);
  if (!Array.isArray(add)) return [];
  return add.flatMap((x, i) => (str(x) ? [{ cap: str(x)!.toUpperCase().replace(/^CAP_/, ''), path: [...c.path, 'securityContext', 'capabilities', 'add', i] }] : []));
}

export const isTrue = (v: unknown) => v === true || v === 'true';

/** Pods whose workload is a notebook, training job or Ray cluster (the ML interactive / batch kinds). */
export const NOTEBOOK_AND_TRAINING_KINDS = new Set(['Notebook', 'PyTorchJob', 'TFJob', 'MPIJob', 'XGBoostJob', 'PaddleJob', 'JAXJob', 'MXJob', 'TrainJob', 'RayCluster', 'RayJob', 'RayService', 'JobSet']);
