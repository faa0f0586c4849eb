import type { Rule } from '../../core/types.js';
import { getAt, k8sParser, str, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, reportAt, where } from './support.js';

/** Pod Security Standards baseline: the namespaced sysctls considered safe. */
const SAFE = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/unsafe-sysctls',
    title: 'Unsafe sysctl set on a pod',
    severity: 'medium',
    description:
      'Pod Security Standards baseline (Sysctls) allows only a safe subset. Distributed-training pods raise `kernel.shm*` or `net.core.*` for NCCL; ' +
      'those are node-wide or not isolated and affect every pod on the node.',
    remediation: 'Remove the sysctl, or tune it on the node pool (kubelet `--allowed-unsafe-sysctls` scoped to dedicated nodes).',
    references: [PSS_BASELINE, 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/', NIST_190('4.4.3')],
    tags: ['kubernetes', 'pss-baseline'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      const sc = pod.field('securityContext');
      const list = getAt(sc?.value, ['sysctls']);
      if (!sc || !Array.isArray(list)) continue;
      list.forEach((s, i) => {
        const name = str(getAt(s, ['name']));
        if (!name || SAFE.has(name)) return;
        reportAt(model, ctx, pod.obj, [...sc.path, 'sysctls', i, 'name'], { message: `${where(pod)} sets unsafe sysctl ${name}`, key: `${pod.role}/sysctl/${name}`, evidence: `sysctl ${name}` });
      });
    }
  },
};
export default rule;
