import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_RESTRICTED, containerKey, containerSec, isNvidiaComponent, reportAt, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/allow-privilege-escalation',
    title: 'allowPrivilegeEscalation is not false',
    severity: 'medium',
    description:
      'Pod Security Standards restricted (Privilege Escalation): every container must set `allowPrivilegeEscalation: false`, otherwise setuid ' +
      'binaries (sudo in notebook images) can regain root inside the container.',
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    references: [PSS_RESTRICTED, NIST_190('4.4.3')],
    tags: ['kubernetes', 'pss-restricted'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      for (const c of pod.containers) {
        if (c.group === 'trainer') continue;
        const p = containerSec(c, 'allowPrivilegeEscalation');
        if (p?.value === false || p?.value === 'false') continue;
        reportAt(model, ctx, pod.obj, p ? p.path : c.path, {
          message: `${where(c)} ${p ? 'sets allowPrivilegeEscalation: true' : 'does not set allowPrivilegeEscalation: false'}`,
          key: `${containerKey(c)}/ape`, ...(p ? { evidence: 'allowPrivilegeEscalation: true' } : {}),
        });
      }
    }
  },
};
export default rule;
