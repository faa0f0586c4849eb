import type { Rule } from '../../core/types.js';
import { getAt, k8sParser, str, type K8sModel } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, containerKey, isNvidiaComponent, reportAt, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/host-ports',
    title: 'Container binds a host port',
    severity: 'medium',
    description:
      'Pod Security Standards baseline (Host Ports): `ports[].hostPort` must be unset or 0 on containers, init containers and ephemeral containers. ' +
      'A hostPort publishes the container on the node\'s own address, outside Services, NetworkPolicies and the ingress controller; inference ' +
      'DaemonSets and debugging pods use it to reach a model server directly. Recognised NVIDIA GPU Operator components are not reported.',
    remediation: 'Remove `hostPort` and expose the port through a Service (ClusterIP behind an authenticated ingress or gateway).',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://kubernetes.io/docs/concepts/configuration/overview/#services'],
    tags: ['kubernetes', 'pss-baseline', 'host-ports'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      for (const c of pod.containers) {
        const ports = c.value.ports;
        if (!Array.isArray(ports)) continue;
        ports.forEach((p, i) => {
          const hp = str(getAt(p, ['hostPort']));
          // Unset and 0 are allowed; a non-numeric value (an unrendered template) is not judged.
          if (hp === undefined || hp.trim() === '' || !Number.isFinite(Number(hp)) || Number(hp) === 0) return;
          reportAt(model, ctx, pod.obj, [...c.path, 'ports', i, 'hostPort'], {
            message: `${where(c)} binds host port ${hp}`, key: `${containerKey(c)}/hostPort/${hp}`, evidence: `hostPort: ${hp}`,
          });
        });
      }
    }
  },
};
export default rule;
