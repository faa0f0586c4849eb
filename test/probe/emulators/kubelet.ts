import type { Emulator } from './server.js';
import { podList } from './replies.js';

// checked: kubernetes/kubernetes pkg/kubelet/server/server.go InstallAuthFilter (denial: http.Error
// 403 "Forbidden (user=..., verb=..., resource=..., subresource=...)", text/plain + nosniff; failed
// authentication: 401 "Unauthorized"). /pods answers a v1 PodList.
export const kubelet: Emulator = {
  id: 'kubelet (10250, HTTPS)',
  service: 'kubelet',
  tls: true,
  open: { '/pods': { body: podList }, '/healthz': { headers: { 'content-type': 'text/plain' }, body: 'ok' } },
  // --anonymous-auth=true (the default) with --authorization-mode=Webhook: anonymous is denied.
  secured: { deny: { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body: 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy)\n' } },
};

export const kubeletReadOnly: Emulator = {
  id: 'kubelet read-only port (10255)',
  service: 'kubelet',
  open: { '/pods': { body: podList } },
  secured: { deny: { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' } },
};
