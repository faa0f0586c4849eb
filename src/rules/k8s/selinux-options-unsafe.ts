import type { Rule } from '../../core/types.js';
import { getAt, k8sParser, str, type K8sModel, type Path } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, containerKey, containerSec, isNvidiaComponent, reportAt, where } from './support.js';

/**
 * Pod Security Standards baseline (SELinux): the container types that may be set. Newer PSS revisions also allow
 * `container_engine_t` (Kubernetes 1.31); it is not listed here until confirmed against the standard.
 */
const ALLOWED_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t']);

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/selinux-options-unsafe',
    title: 'Custom SELinux type, user or role',
    severity: 'medium',
    description:
      'Pod Security Standards baseline (SELinux): `seLinuxOptions.type` may only be one of the container types (`container_t`, ' +
      '`container_init_t`, `container_kvm_t`), and `seLinuxOptions.user` / `role` must not be set, on the pod or any container. Types such as ' +
      '`spc_t` (super-privileged container) or `unconfined_t` switch off SELinux confinement on SELinux nodes (RHEL, OpenShift, Bottlerocket). ' +
      'Recognised NVIDIA GPU Operator components are not reported.',
    remediation: 'Remove `seLinuxOptions` (the runtime assigns `container_t` with a per-pod category), or set only `level`.',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container'],
    tags: ['kubernetes', 'pss-baseline', 'selinux'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      const report = (opts: { value: unknown; path: Path }, who: string, key: string) => {
        const type = str(getAt(opts.value, ['type']));
        if (type && !ALLOWED_TYPES.has(type)) reportAt(model, ctx, pod.obj, [...opts.path, 'type'], { message: `${who} sets SELinux type ${type}`, key: `${key}/selinux/type`, evidence: `seLinuxOptions.type: ${type}` });
        for (const f of ['user', 'role']) {
          const v = str(getAt(opts.value, [f]));
          if (v) reportAt(model, ctx, pod.obj, [...opts.path, f], { message: `${who} sets SELinux ${f} ${v}`, key: `${key}/selinux/${f}`, evidence: `seLinuxOptions.${f}: ${v}` });
        }
      };
      const psc = pod.field('securityContext');
      const podOpts = getAt(psc?.value, ['seLinuxOptions']);
      if (psc && podOpts !== undefined) report({ value: podOpts, path: [...psc.path, 'seLinuxOptions'] }, where(pod), pod.role);
      for (const c of pod.containers) {
        const o = containerSec(c, 'seLinuxOptions');
        if (o) report(o, where(c), containerKey(c));
      }
    }
  },
};
export default rule;
