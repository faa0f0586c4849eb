import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_RESTRICTED, containerKey, isNvidiaComponent, reportAt, secField, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/run-as-root',
    title: 'Container may run as root',
    severity: 'medium',
    description:
      'Pod Security Standards restricted (Running as Non-root): `runAsNonRoot: true` is required and `runAsUser: 0` is forbidden. Notebook and ' +
      'training images (jupyter, pytorch, NGC) default to root; root in the container turns any escape or writable hostPath into root on the ' +
      'node. An explicit `runAsUser: 0` is reported as high.',
    remediation: 'Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` on the pod (images with a numeric USER work without changes).',
    references: [PSS_RESTRICTED, NIST_190('4.4.3')],
    tags: ['kubernetes', 'pss-restricted', 'root'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      for (const c of pod.containers) {
        if (c.group === 'trainer') continue;
        const user = secField(c, 'runAsUser');
        if (user && Number(user.value) === 0) {
          reportAt(model, ctx, pod.obj, user.path, { message: `${where(c)} runs as root (runAsUser: 0)`, key: `${containerKey(c)}/root`, evidence: 'runAsUser: 0', severity: 'high' });
          continue;
        }
        const nonRoot = secField(c, 'runAsNonRoot');
        if (nonRoot?.value === true || nonRoot?.value === 'true' || (user && Number(user.value) > 0)) continue;
        reportAt(model, ctx, pod.obj, nonRoot ? nonRoot.path : c.path, { message: `${where(c)} does not set runAsNonRoot: true`, key: `${containerKey(c)}/root` });
      }
    }
  },
};
export default rule;
