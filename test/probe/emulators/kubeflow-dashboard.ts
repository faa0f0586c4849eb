import type { Emulator } from './server.js';

// checked: kubeflow/kubeflow components/centraldashboard/app/api.ts (GET /api/dashboard-links returns
// the "links" JSON of the centraldashboard ConfigMap: menuLinks, externalLinks, quickLinks,
// documentationItems). unverified: the /api/workgroup/env-info shape {user, platform, namespaces,
// isClusterAdmin} (taken from a client of that API, not from api_workgroup.ts).
export const kubeflowDashboard: Emulator = {
  id: 'kubeflow-dashboard',
  service: 'kubeflow-dashboard',
  headers: { 'x-powered-by': 'Express' },
  open: {
    '/api/dashboard-links': { body: { menuLinks: [{ type: 'item', link: '/jupyter/', text: 'Notebooks', icon: 'book' }], externalLinks: [], quickLinks: [], documentationItems: [] } },
    '/api/workgroup/env-info': { body: { user: 'anonymous@kubeflow.org', platform: { kubeflowVersion: '1.8.0', provider: 'other://', providerName: 'other', logoutUrl: '/logout' }, namespaces: [{ user: 'anonymous@kubeflow.org', namespace: 'kubeflow-user', role: 'owner' }], isClusterAdmin: false } },
  },
  // oauth2-proxy / Dex in front: unauthenticated requests are sent to the identity provider on another host.
  secured: { deny: { status: 302, headers: { location: 'https://dex.example.invalid/auth?client_id=kubeflow-oidc-authservice' }, body: '' } },
};
