// RBAC around ML workloads, joined scan-wide: a RoleBinding / ClusterRoleBinding (any file) grants a
// Role / ClusterRole (any file, or a built-in ClusterRole by name) to a service account that a
// notebook, training job, Ray cluster, serving pod or GPU / ML-service workload (any file) runs as.
// check records roles, bindings, service accounts and ML pods per manifest; finish resolves
// namespaces (explicit, Kustomize, Helm release) and reports at the binding's subject line.
import type { Rule, Severity } from '../../core/types.js';
import { getAt, isObj, k8sParser, str, type K8sModel, type K8sObject, type PodRef } from '../../parsers/k8s/k8s.js';
import { mlSitesParser } from '../../parsers/ml-services/sites.js';
import { ATLAS, NIST_190, NOTEBOOK_AND_TRAINING_KINDS, describeObj, isNvidiaComponent, podUsesGpu, where } from './support.js';
import { FactRecorder, byLocation, factsOf, locationOf, resolver, type Anchor, type NsRef } from './namespace-facts.js';

const ID = 'k8s/ml-workload-rbac';

/** Kinds whose pods run user code or serve models: their service accounts matter. */
const ML_KINDS = new Set([...NOTEBOOK_AND_TRAINING_KINDS, 'InferenceService', 'ServingRuntime', 'ClusterServingRuntime', 'LeaderWorkerSet', 'Workflow', 'WorkflowTemplate', 'CronWorkflow']);

interface Grant {
  what: string;
  /** 3: everything; 2: secrets / exec / escalation / wildcard (kept for ordering and properties). */
  weight: number;
}

/** Built-in ClusterRoles (used by name, rarely in the scanned files): what they grant that matters here. */
const BUILTIN_CLUSTER_ROLES: Record<string, Grant[]> = {
  'cluster-admin': [{ what: 'every verb on every resource (cluster-admin)', weight: 3 }],
  admin: [{ what: 'read Secrets', weight: 2 }, { what: 'exec into pods (pods/exec)', weight: 2 }, { what: 'create RoleBindings', weight: 2 }],
  edit: [{ what: 'read Secrets', weight: 2 }, { what: 'exec into pods (pods/exec)', weight: 2 }],
};

const list = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap((x) => (str(x) !== undefined ? [str(x)!] : [])) : []);

/** What a Role's rules grant that lets code in a pod take over more than its own job. */
export function dangerousGrants(rules: unknown): Grant[] {
  const out = new Map<string, Grant>();
  const add = (what: string, weight: number) => !out.has(what) && out.set(what, { what, weight });
  if (!Array.isArray(rules)) return [];
  for (const r of rules) {
    if (!isObj(r)) continue;
    const groups = list(r.apiGroups);
    const resources = list(r.resources);
    const verbs = list(r.verbs);
    if (!resources.length || !verbs.length) continue; // nonResourceURLs only
    const named = list(r.resourceNames).length > 0;
    const core = groups.includes('') || groups.includes('*');
    const anyVerb = verbs.includes('*');
    const anyRes = resources.includes('*');
    const has = (...v: string[]) => anyVerb || v.some((x) => verbs.includes(x));
    if (anyVerb && anyRes && groups.includes('*')) {
      add('every verb on every resource (cluster-admin equivalent)', 3);
      continue;
    }
    if (anyVerb || anyRes) add(`wildcard ${anyVerb && anyRes ? 'verbs and resources' : anyVerb ? `verbs on ${resources.join(', ')}` : `resources (${verbs.join(', ')})`}${groups.includes('*') ? ' in every API group' : ''}`, 2);
    if (core && !named && (anyRes || resources.includes('secrets')) && has('get', 'list', 'watch')) add('read Secrets', 2);
    if (core && (anyRes || resources.includes('pods/exec') || resources.includes('pods/attach')) && has('create', 'get')) add('exec into pods (pods/exec)', 2);
    for (const v of ['escalate', 'bind', 'impersonate']) if (verbs.includes(v)) add(`${v} (RBAC privilege escalation)`, 2);
  }
  return [...out.values()];
}

interface RoleRec { kind: string; ns?: NsRef; name: string; grants: Grant[]; at: string }
interface SubjectRec { kind: string; name: string; namespace?: string; anchor: Anchor }
interface BindingRec { kind: string; ns?: NsRef; name: string; roleKind: string; roleName: string; subjects: SubjectRec[]; label: string }
interface PodRec { ns: NsRef; sa: string; label: string; automount?: boolean; at: string }
interface SaRec { ns: NsRef; name: string; automount?: boolean }
interface State { roles: RoleRec[]; bindings: BindingRec[]; pods: PodRec[]; accounts: SaRec[] }

function stateOf(m: Map<string, unknown>): State {
  let s = m.get('rbac') as State | undefined;
  if (!s) m.set('rbac', (s = { roles: [], bindings: [], pods: [], accounts: [] }));
  return s;
}

const boolOf = (v: unknown): boolean | undefined => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined);

function isMlPod(pod: PodRef, serviceObjs: Set<K8sObject>): boolean {
  if (isNvidiaComponent(pod)) return false;
  return ML_KINDS.has(pod.obj.kind) || podUsesGpu(pod) || serviceObjs.has(pod.obj);
}

const rule: Rule<K8sModel> = {
  meta: {
    id: ID,
    title: 'ML workload service account bound to cluster-admin, wildcards, Secrets or pods/exec',
    severity: 'high',
    description:
      'Notebooks, training jobs, Ray clusters and model servers run user-supplied code (cells, job entrypoints, `trust_remote_code` models, pickled ' +
      'weights). Whatever their service account may do, that code may do with the auto-mounted token: a RoleBinding or ClusterRoleBinding that gives it ' +
      '`cluster-admin`, wildcard verbs or resources, `get/list/watch` on Secrets, `pods/exec`, or `escalate` / `bind` / `impersonate` turns one ' +
      'malicious model or notebook into a namespace or cluster takeover (the Kubernetes RBAC good-practices list these as privilege-escalation ' +
      'paths). The binding, the role and the pods are joined across every scanned file: subjects by service-account name and namespace (pods without ' +
      '`serviceAccountName` use `default`; `system:serviceaccount:<ns>:<name>` users and the `system:authenticated` / `system:serviceaccounts[:<ns>]` groups count), roles by name, including the built-in `cluster-admin`, ' +
      '`admin` and `edit`. Pods with `automountServiceAccountToken: false` (or whose ServiceAccount says so) are not counted. Critical through a ' +
      'ClusterRoleBinding (cluster-wide), high through a RoleBinding (its namespace).',
    remediation:
      'Give ML workloads their own service account with only what the job needs (often nothing: set `automountServiceAccountToken: false`); never bind ' +
      '`cluster-admin`, `admin` or `edit` to it; grant Secrets by `resourceNames`, not by list/watch; keep `pods/exec` with humans behind audit; ' +
      'prefer namespaced RoleBindings to ClusterRoleBindings.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
      NIST_190('4.3.1'),
      ATLAS('AML.T0055'),
      ATLAS('AML.T0012'),
    ],
    tags: ['kubernetes', 'rbac', 'service-account', 'notebook', 'training', 'serving'],
  },
  parser: k8sParser,
  async check(model, ctx) {
    if (!model.objects.length) return;
    const rec = await FactRecorder.open(model, ctx, ID);
    rec.recordNamespaces();
    const st = stateOf(ctx.state);
    const entry = `${ctx.entry.path}${ctx.entry.innerPath ? `!${ctx.entry.innerPath}` : ''}`;
    for (const o of model.objects) {
      if ((o.kind === 'Role' || o.kind === 'ClusterRole') && o.apiVersion.startsWith('rbac.authorization.k8s.io/')) {
        st.roles.push({ kind: o.kind, ...(o.kind === 'Role' ? { ns: rec.ns(o) } : {}), name: o.name, grants: dangerousGrants(getAt(o.value, ['rules'])), at: `${entry}:${o.line}` });
      } else if ((o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') && o.apiVersion.startsWith('rbac.authorization.k8s.io/')) {
        const subjects = getAt(o.value, ['subjects']);
        const recs: SubjectRec[] = [];
        if (Array.isArray(subjects)) subjects.forEach((s, i) => {
          const kind = str(getAt(s, ['kind']));
          const name = str(getAt(s, ['name']));
          if (!kind || !name) return;
          const namespace = str(getAt(s, ['namespace']));
          recs.push({ kind, name, ...(namespace ? { namespace } : {}), anchor: rec.anchor(o, [...o.base, 'subjects', i]) });
        });
        st.bindings.push({
          kind: o.kind, ...(o.kind === 'RoleBinding' ? { ns: rec.ns(o) } : {}), name: o.name,
          roleKind: str(getAt(o.value, ['roleRef', 'kind'])) ?? '', roleName: str(getAt(o.value, ['roleRef', 'name'])) ?? '', subjects: recs, label: describeObj(o),
        });
      } else if (o.kind === 'ServiceAccount') {
        const a = boolOf(o.value.automountServiceAccountToken);
        st.accounts.push({ ns: rec.ns(o), name: o.name, ...(a !== undefined ? { automount: a } : {}) });
      }
    }
    if (!model.pods.length) return;
    // Workloads that run a detected ML service (vLLM in a plain Deployment) count as ML workloads too.
    const serviceObjs = new Set<K8sObject>();
    try {
      for (const s of (await ctx.use(mlSitesParser)).sites) if (s.join && s.analysis.services.length) serviceObjs.add(s.join.obj);
    } catch {
      // Analysis unavailable: kinds and GPUs still decide.
    }
    for (const pod of model.pods) {
      if (!isMlPod(pod, serviceObjs)) continue;
      const sa = str(pod.field('serviceAccountName')?.value) ?? str(pod.field('serviceAccount')?.value) ?? 'default';
      const a = boolOf(pod.field('automountServiceAccountToken')?.value);
      st.pods.push({ ns: rec.ns(pod.obj), sa, label: where(pod), ...(a !== undefined ? { automount: a } : {}), at: `${entry}:${model.lineOf(pod.obj, pod.specPath)}` });
    }
  },
  finish(ctx) {
    const st = stateOf(ctx.state);
    if (!st.bindings.length || !st.pods.length) return;
    const resolve = resolver(factsOf(ctx.state));
    const roles = new Map<string, RoleRec>();
    for (const r of st.roles) roles.set(`${r.kind}/${r.ns ? resolve(r.ns) : ''}/${r.name}`, r);
    const saAutomount = new Map<string, boolean>();
    for (const a of st.accounts) if (a.automount !== undefined) saAutomount.set(`${resolve(a.ns)}/${a.name}`, a.automount);
    // ML pods that hold a token, by namespace / service account.
    const podsBySa = new Map<string, PodRec[]>();
    const podsByNs = new Map<string, PodRec[]>();
    for (const p of [...st.pods].sort((a, b) => a.at.localeCompare(b.at))) {
      const ns = resolve(p.ns);
      const mounted = p.automount ?? saAutomount.get(`${ns}/${p.sa}`) ?? true;
      if (!mounted) continue;
      for (const [m, k] of [[podsBySa, `${ns}/${p.sa}`], [podsByNs, ns]] as const) {
        const l = m.get(k);
        if (l) l.push(p);
        else m.set(k, [p]);
      }
    }
    const allPods = [...podsByNs.values()].flat();
    const findings: Array<{ anchor: Anchor; message: string; key: string; evidence: string; severity: Severity; props: Record<string, unknown> }> = [];
    for (const b of st.bindings) {
      const bns = b.ns ? resolve(b.ns) : undefined;
      const role = roles.get(`${b.roleKind}/${b.roleKind === 'Role' ? (bns ?? '') : ''}/${b.roleName}`);
      const grants = role ? role.grants : b.roleKind === 'ClusterRole' ? BUILTIN_CLUSTER_ROLES[b.roleName] ?? [] : [];
      if (!grants.length) continue;
      const scope = b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${bns}`;
      const severity: Severity = b.kind === 'ClusterRoleBinding' ? 'critical' : 'high';
      for (const s of b.subjects) {
        let pods: PodRec[] = [];
        let who = '';
        if (s.kind === 'ServiceAccount') {
          const ns = s.namespace ?? bns;
          if (!ns) continue;
          pods = podsBySa.get(`${ns}/${s.name}`) ?? [];
          who = `service account ${ns}/${s.name}`;
        } else if (s.kind === 'User' && s.name.startsWith('system:serviceaccount:') && s.name.split(':').length === 4) {
          // A service account named as the user its token authenticates as.
          const [, , ns, name] = s.name.split(':');
          pods = podsBySa.get(`${ns}/${name}`) ?? [];
          who = `service account ${ns}/${name} (user ${s.name})`;
        } else if (s.kind === 'Group' && (s.name === 'system:serviceaccounts' || s.name === 'system:authenticated')) {
          // Every service account token authenticates into both groups.
          pods = allPods;
          who = `every service account (group ${s.name})`;
        } else if (s.kind === 'Group' && s.name.startsWith('system:serviceaccounts:')) {
          const ns = s.name.slice('system:serviceaccounts:'.length);
          pods = podsByNs.get(ns) ?? [];
          who = `every service account of namespace ${ns} (group ${s.name})`;
        }
        if (!pods.length) continue;
        const used = pods.slice(0, 3).map((p) => `${p.label} (${p.at})`).join(', ') + (pods.length > 3 ? ` and ${pods.length - 3} more` : '');
        const roleRef = `${b.roleKind} ${b.roleName}${role ? ` (${role.at})` : ' (built-in)'}`;
        findings.push({
          anchor: s.anchor,
          message: `${b.label} grants ${roleRef} ${scope} to ${who}, used by ${used}: ${grants.map((g) => g.what).join('; ')}`,
          key: `${b.kind}/${bns ?? ''}/${b.name}/${s.kind}/${s.namespace ?? ''}/${s.name}`,
          evidence: `roleRef: ${b.roleKind}/${b.roleName}`,
          severity,
          props: { binding: b.name, bindingKind: b.kind, role: b.roleName, roleKind: b.roleKind, grants: grants.map((g) => g.what), workloads: pods.map((p) => p.label) },
        });
      }
    }
    findings.sort((a, b) => byLocation(a.anchor, b.anchor));
    for (const f of findings) {
      ctx.report(locationOf(f.anchor), { message: f.message, key: f.key, evidence: f.evidence, severity: f.severity, properties: { ...f.anchor.properties, ...f.props } });
    }
  },
};

export default rule;
