import type { Rule } from '../../core/types.js';
import { getAt, k8sParser, str, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_RESTRICTED, containerKey, isNvidiaComponent, reportAt, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/capabilities-not-dropped',
    title: 'Container does not drop ALL capabilities',
    severity: 'low',
    description: 'Pod Security Standards restricted (Capabilities): containers must drop `ALL` and may add back only NET_BIND_SERVICE.',
    remediation: 'Set `securityContext.capabilities.drop: ["ALL"]` on every container.',
    references: [PSS_RESTRICTED, NIST_190('4.4.3')],
    tags: ['kubernetes', 'pss-restricted', 'capabilities'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      for (const c of pod.containers) {
        if (c.group === 'trainer') continue;
        const drop = getAt(c.value, ['securityContext', 'capabilities', 'drop']);
        if (Array.isArray(drop) && drop.some((d) => str(d)?.toUpperCase() === 'ALL')) continue;
        reportAt(model, ctx, pod.obj, c.path, { message: `${where(c)} does not drop ALL capabilities`, key: `${containerKey(c)}/drop-all` });
      }
    }
  },
};
export default rule;
