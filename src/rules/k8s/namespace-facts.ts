// Scan-wide namespace facts for the cross-file Kubernetes rules (GPU quota, NetworkPolicy). Each
// rule's `check` records, per scanned manifest, what it saw about namespaces — declared namespaces,
// ResourceQuotas and whether they cap GPUs, NetworkPolicies, other guardrails, Kustomize
// `namespace:` settings — plus the workloads the rule cares about with their exact locations; the
// rule's `finish` resolves namespaces and judges once every file was read.
//
// Which namespaces are judged (precision safeguard, see docs/infra-k8s.md): only those the scan
// manages — a `kind: Namespace` (or Kubeflow Profile) for it, or a namespace guardrail object
// (ResourceQuota, LimitRange, NetworkPolicy, Kueue LocalQueue) in it, somewhere in the scan. A
// repository that only deploys workloads into a namespace someone else provisions says nothing
// about that namespace's quotas or policies, so it is not judged.
import { posix } from 'node:path';
import type { Location, RuleContext } from '../../core/types.js';
import { getAt, isObj, str, type K8sModel, type K8sObject, type Path } from '../../parsers/k8s/k8s.js';
import { isGpuResource } from '../../parsers/k8s/gpu.js';
import { textParser, type TextModel } from '../../parsers/text/text.js';
import { findInlineSuppression } from '../../parsers/text/inline-suppression.js';
import { describeObj } from './support.js';

/** A namespace as written: explicit, or to be resolved in finish (Kustomize dir, Helm release). */
export interface NsRef {
  explicit?: string;
  /** Directory of the file (outer path + `!` inner path), for Kustomize `namespace:` lookup. */
  dir: string;
  /** Release namespace of a Helm-rendered stream, when the stream shows it. */
  helm?: string;
}

/** A place a finding may point at, recorded during check. */
export interface Anchor {
  path: string;
  innerPath?: string;
  line: number;
  label: string;
  /** The line carries `mlwarden-ignore <this rule>` (the engine does not apply inline markers to finish reports). */
  ignored: boolean;
  properties: Record<string, unknown>;
}

export interface Workload {
  ns: NsRef;
  anchor: Anchor;
}

export interface NamespaceFacts {
  declared: Array<{ name: string; anchor: Anchor }>;
  quotas: Array<{ ns: NsRef; name: string; kind: string; gpu: boolean; at: string }>;
  guardrails: NsRef[];
  /** Namespaced NetworkPolicies that restrict ingress (k8s, Calico, Cilium). */
  policies: NsRef[];
  /** Cluster-wide policy objects (Calico GlobalNetworkPolicy, Cilium clusterwide, AdminNetworkPolicy). */
  clusterPolicies: string[];
  kustomize: Map<string, string>;
  workloads: Workload[];
}

export function factsOf(state: Map<string, unknown>): NamespaceFacts {
  let f = state.get('facts') as NamespaceFacts | undefined;
  if (!f) {
    f = { declared: [], quotas: [], guardrails: [], policies: [], clusterPolicies: [], kustomize: new Map(), workloads: [] };
    state.set('facts', f);
  }
  return f;
}

const CLUSTER_POLICY_KINDS = new Set(['GlobalNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);
const KUSTOMIZATION = /^kustomization\.ya?ml$/i;

function entryDir(ctx: RuleContext): string {
  return posix.dirname(ctx.entry.innerPath ? `${ctx.entry.path}!${ctx.entry.innerPath}` : ctx.entry.path);
}

/** The one namespace a Helm-rendered stream's namespaced objects share (`.Release.Namespace`), if any. */
function helmReleaseNamespace(model: K8sModel): string | undefined {
  const helm = model.objects.filter((o) => o.source && !o.annotations['config.kubernetes.io/origin']);
  if (!helm.length) return undefined;
  const names = new Set(helm.flatMap((o) => (o.namespace ? [o.namespace] : [])));
  return names.size === 1 ? [...names][0] : undefined;
}

function quotaCapsGpu(hard: unknown): boolean {
  return isObj(hard) && Object.keys(hard).some((k) => isGpuResource(k.replace(/^(requests|limits)\./, '')));
}

/** A NetworkPolicy restricts ingress unless it declares only other policy types (Egress). */
function restrictsIngress(p: K8sObject): boolean {
  const types = getAt(p.value, ['spec', 'policyTypes']);
  if (Array.isArray(types) && types.length) return types.some((t) => str(t) === 'Ingress');
  if (p.kind === 'CiliumNetworkPolicy') return getAt(p.value, ['spec', 'ingress']) !== undefined || getAt(p.value, ['spec', 'ingressDeny']) !== undefined || getAt(p.value, ['specs']) !== undefined;
  return true;
}

/** Records the namespace facts of one manifest stream; `anchor()` builds locations for workloads the rule collects. */
export class FactRecorder {
  readonly facts: NamespaceFacts;
  private readonly dir: string;
  private readonly helm: string | undefined;
  private text: TextModel | undefined;

  private constructor(private readonly model: K8sModel, private readonly ctx: RuleContext, private readonly ruleId: string, text: TextModel | undefined, state: Map<string, unknown>) {
    this.facts = factsOf(state);
    this.dir = entryDir(ctx);
    this.helm = helmReleaseNamespace(model);
    this.text = text;
  }

  /** `state` holds the facts: the rule's own by default, or a map several rules share. */
  static async open(model: K8sModel, ctx: RuleContext, ruleId: string, state: Map<string, unknown> = ctx.state): Promise<FactRecorder> {
    let text: TextModel | undefined;
    if (ctx.entry.type.text) {
      try {
        const t = await ctx.use(textParser);
        if (t.text.includes('mlwarden-ignore')) text = t;
      } catch {
        // No text: no inline markers to honour.
      }
    }
    return new FactRecorder(model, ctx, ruleId, text, state);
  }

  ns(obj: K8sObject): NsRef {
    return { ...(obj.namespace ? { explicit: obj.namespace } : {}), dir: this.dir, ...(this.helm ? { helm: this.helm } : {}) };
  }

  /** True when `line` of this entry carries `mlwarden-ignore` for the rule. */
  ignoredAt(line: number): boolean {
    return this.text ? findInlineSuppression(this.text, line, this.ruleId) !== undefined : false;
  }

  /** An anchor at an object's path. */
  anchor(obj: K8sObject, path: Path, extra: Record<string, unknown> = {}): Anchor {
    return this.anchorAt(obj, this.model.lineOf(obj, path), extra);
  }

  /** An anchor at a line already computed (e.g. by the ML-sites analysis). */
  anchorAt(obj: K8sObject, line: number, extra: Record<string, unknown> = {}): Anchor {
    const e = this.ctx.entry;
    return {
      path: e.path, ...(e.innerPath ? { innerPath: e.innerPath } : {}), line,
      label: `${describeObj(obj)}${obj.source ? ` (from ${obj.source})` : ''}`,
      ignored: this.ignoredAt(line),
      properties: {
        kind: obj.kind, name: obj.name, ...(obj.namespace ? { namespace: obj.namespace } : {}), ...(obj.source ? { template: obj.source } : {}),
        ...(e.provenance && Object.keys(e.provenance).length ? { provenance: e.provenance } : {}), ...extra,
      },
    };
  }

  /** Namespaces, quotas, policies and guardrails of this stream. */
  recordNamespaces(): void {
    const f = this.facts;
    const at = (o: K8sObject) => `${this.ctx.entry.path}${this.ctx.entry.innerPath ? `!${this.ctx.entry.innerPath}` : ''}:${o.line}`;
    if (KUSTOMIZATION.test(this.ctx.entry.name)) {
      for (const d of this.model.yaml.documents) {
        const ns = isObj(d.value) ? str(d.value.namespace) : undefined;
        if (ns) f.kustomize.set(this.dir, ns);
      }
    }
    for (const o of this.model.objects) {
      switch (o.kind) {
        case 'Namespace':
          if (o.name) f.declared.push({ name: o.name, anchor: this.anchor(o, [...o.base, 'metadata', 'name']) });
          break;
        case 'Profile': // Kubeflow: one Profile = one namespace, with an optional quota.
          if (!o.apiVersion.startsWith('kubeflow.org/') || !o.name) break;
          f.declared.push({ name: o.name, anchor: this.anchor(o, [...o.base, 'metadata', 'name']) });
          if (getAt(o.value, ['spec', 'resourceQuotaSpec']) !== undefined) {
            f.quotas.push({ ns: { explicit: o.name, dir: this.dir }, name: o.name, kind: 'Profile', gpu: quotaCapsGpu(getAt(o.value, ['spec', 'resourceQuotaSpec', 'hard'])), at: at(o) });
          }
          break;
        case 'ResourceQuota':
          f.quotas.push({ ns: this.ns(o), name: o.name, kind: o.kind, gpu: quotaCapsGpu(getAt(o.value, ['spec', 'hard'])), at: at(o) });
          f.guardrails.push(this.ns(o));
          break;
        case 'LocalQueue': // Kueue admits the namespace's queued jobs against a ClusterQueue's GPU quota.
          if (!o.apiVersion.startsWith('kueue.x-k8s.io/')) break;
          f.quotas.push({ ns: this.ns(o), name: o.name, kind: o.kind, gpu: true, at: at(o) });
          f.guardrails.push(this.ns(o));
          break;
        case 'LimitRange':
          f.guardrails.push(this.ns(o));
          break;
        case 'NetworkPolicy':
        case 'CiliumNetworkPolicy':
          f.guardrails.push(this.ns(o));
          if (restrictsIngress(o)) f.policies.push(this.ns(o));
          break;
        default:
          if (CLUSTER_POLICY_KINDS.has(o.kind)) f.clusterPolicies.push(`${o.kind} ${o.name}`);
      }
    }
  }
}

/** Namespace of a reference once every file is read: explicit, else the nearest Kustomize `namespace:`, else the Helm release, else `default`. */
export function resolver(facts: NamespaceFacts): (ref: NsRef) => string {
  return (ref) => {
    if (ref.explicit) return ref.explicit;
    for (let d = ref.dir, i = 0; i < 64; i++) {
      const ns = facts.kustomize.get(d);
      if (ns) return ns;
      const up = posix.dirname(d);
      if (up === d) break;
      d = up;
    }
    return ref.helm ?? 'default';
  };
}

/** Namespaces the scan manages (declared, or with guardrail objects): the only ones judged. */
export function managedNamespaces(facts: NamespaceFacts, resolve: (r: NsRef) => string): Set<string> {
  return new Set([...facts.declared.map((d) => d.name), ...facts.guardrails.map(resolve)]);
}

export function byLocation(a: Anchor, b: Anchor): number {
  return a.path.localeCompare(b.path) || (a.innerPath ?? '').localeCompare(b.innerPath ?? '') || a.line - b.line;
}

export function shortLoc(a: Anchor): string {
  return `${a.path}${a.innerPath ? `!${a.innerPath}` : ''}:${a.line}`;
}

export function locationOf(a: Anchor): Location {
  return { path: a.path, ...(a.innerPath ? { innerPath: a.innerPath } : {}), line: a.line };
}

/** Workloads grouped by resolved namespace, each group in stable path/line order. */
export function workloadsByNamespace(facts: NamespaceFacts, resolve: (r: NsRef) => string): Map<string, Anchor[]> {
  const out = new Map<string, Anchor[]>();
  for (const w of facts.workloads) {
    const ns = resolve(w.ns);
    const list = out.get(ns) ?? [];
    list.push(w.anchor);
    out.set(ns, list);
  }
  for (const list of out.values()) list.sort(byLocation);
  return out;
}

/** True when the namespace's finding was accepted inline (on a workload or on its Namespace declaration). */
export function ignoredInline(facts: NamespaceFacts, ns: string, workloads: Anchor[]): boolean {
  return workloads.some((a) => a.ignored) || facts.declared.some((d) => d.name === ns && d.anchor.ignored);
}
