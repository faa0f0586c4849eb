import type { Rule } from '../../core/types.js';
import { getAt, k8sParser, str, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, PSS_RESTRICTED, containerKey, isNvidiaComponent, reportAt, secField, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/seccomp-profile',
    title: 'Container runs without a seccomp profile',
    severity: 'low',
    description:
      'Pod Security Standards: baseline forbids `seccompProfile.type: Unconfined` (reported as medium), restricted requires `RuntimeDefault` ' +
      'or `Localhost` on the pod or every container (missing: low). Seccomp blocks the syscalls most container escapes rely on.',
    remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod spec.',
    references: [PSS_RESTRICTED, PSS_BASELINE, NIST_190('4.4.3'), 'https://kubernetes.io/docs/tutorials/security/seccomp/'],
    tags: ['kubernetes', 'pss-restricted', 'seccomp'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      let missing = false;
      for (const c of pod.containers) {
        const p = secField(c, 'seccompProfile');
        const type = str(getAt(p?.value, ['type']));
        if (type === 'Unconfined') reportAt(model, ctx, pod.obj, [...p!.path, 'type'], { message: `${where(c)} runs with seccomp Unconfined`, key: `${containerKey(c)}/seccomp`, evidence: 'seccompProfile.type: Unconfined', severity: 'medium' });
        else if (type !== 'RuntimeDefault' && type !== 'Localhost') missing = true;
      }
      if (missing) reportAt(model, ctx, pod.obj, pod.specPath, { message: `${where(pod)} sets no seccomp profile (RuntimeDefault) for all its containers`, key: `${pod.role}/seccomp-missing` });
    }
  },
};
export default rule;
