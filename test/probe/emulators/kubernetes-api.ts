import type { Emulator } from './server.js';
import { podList } from './replies.js';

const k8sStatus = (code: number, path: string) => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "system:anonymous" cannot get path "${path}"`, reason: 'Forbidden', details: {}, code },
});

// checked: Kubernetes RBAC docs (system:public-info-viewer, bound to system:unauthenticated since 1.14,
// allows only /healthz, /livez, /readyz, /version; system:discovery is authenticated-only, so /api is 403
// for anonymous). unverified against apiserver source: the exact Status message wording.
export const kubernetesApi: Emulator = {
  id: 'kubernetes-api',
  service: 'kubernetes-api',
  tls: true,
  open: {
    '/version': { body: { major: '1', minor: '28', gitVersion: 'v1.28.3', gitCommit: 'a8a1abc25cad87333840cd7d54be2efaf31a3177', gitTreeState: 'clean', buildDate: '2023-10-18T11:33:18Z', goVersion: 'go1.20.10', compiler: 'gc', platform: 'linux/amd64' } },
    '/api': { body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }] } },
    '/api/v1/namespaces': { body: { kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [{ metadata: { name: 'default' } }] } },
    '/api/v1/pods': { body: podList },
  },
  // Default RBAC: system:public-info-viewer lets anonymous read /version; everything else is 403.
  secured: {
    routes: { '/version': { body: { major: '1', minor: '28', gitVersion: 'v1.28.3', goVersion: 'go1.20.10', platform: 'linux/amd64' } } },
    deny: (req) => k8sStatus(403, (req.url ?? '/').split('?')[0]),
  },
};
