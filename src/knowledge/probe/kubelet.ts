import type { ServiceFingerprint } from './schema.js';

export const kubelet: ServiceFingerprint = {
  id: 'kubelet',
  name: 'Kubernetes kubelet',
  package: { ecosystem: 'Go', name: 'k8s.io/kubernetes' },
  ports: [10250, 10255],
  docs: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
  identify: [
    { path: '/pods', marker: { jsonEq: { kind: 'PodList' } }, auth: 'open' },
    // Anonymous auth on, authorization webhook on: the kubelet's own denial text.
    { path: '/pods', marker: { status: 403, bodyIncludes: ['user=system:anonymous', 'resource=nodes'] }, auth: 'required' },
  ],
  checks: [
    { id: 'kubelet-api-anonymous', path: '/pods', marker: { jsonEq: { kind: 'PodList' } }, scheme: 'https' },
    { id: 'kubelet-read-only-port', path: '/pods', marker: { jsonEq: { kind: 'PodList' } }, scheme: 'http' },
  ],
};
