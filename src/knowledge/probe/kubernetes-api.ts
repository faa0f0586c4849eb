import type { ServiceFingerprint } from './schema.js';

export const kubernetesApi: ServiceFingerprint = {
  id: 'kubernetes-api',
  name: 'Kubernetes API server',
  package: { ecosystem: 'Go', name: 'k8s.io/kubernetes' },
  ports: [6443, 8443, 443],
  docs: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
  identify: [
    { path: '/version', marker: { jsonHas: ['gitVersion', 'platform', 'major'] }, auth: 'open' },
    { path: '/api', marker: { status: [401, 403], jsonEq: { kind: 'Status', apiVersion: 'v1' } }, auth: 'required' },
  ],
  version: [{ path: '/version', json: 'gitVersion' }],
  checks: [
    { id: 'kubernetes-anonymous-namespaces', path: '/api/v1/namespaces?limit=1', marker: { jsonEq: { kind: 'NamespaceList' } } },
    { id: 'kubernetes-anonymous-pods', path: '/api/v1/pods?limit=1', marker: { jsonEq: { kind: 'PodList' } } },
  ],
};
