import type { Rule } from '../../core/types.js';
import { k8sParser, str, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, containerKey, containerSec, reportAt, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/proc-mount-unmasked',
    title: 'Unmasked /proc mount',
    severity: 'medium',
    description: 'Pod Security Standards baseline (/proc Mount Type): `procMount: Unmasked` exposes host kernel information and writable /proc paths the runtime normally masks.',
    remediation: 'Remove `procMount` or set it to `Default`.',
    references: [PSS_BASELINE, NIST_190('4.4.3')],
    tags: ['kubernetes', 'pss-baseline'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const c of model.containers) {
      const p = containerSec(c, 'procMount');
      if (p && str(p.value) !== 'Default') reportAt(model, ctx, c.pod.obj, p.path, { message: `${where(c)} sets procMount: ${str(p.value)}`, key: `${containerKey(c)}/procMount`, evidence: `procMount: ${str(p.value)}` });
    }
  },
};
export default rule;
