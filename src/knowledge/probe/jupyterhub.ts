import type { ServiceFingerprint } from './schema.js';

export const jupyterhub: ServiceFingerprint = {
  id: 'jupyterhub',
  name: 'JupyterHub',
  package: { ecosystem: 'PyPI', name: 'jupyterhub' },
  ports: [8000, 8081],
  docs: 'https://jupyterhub.readthedocs.io/en/stable/reference/rest-api.html',
  identify: [
    { path: '/hub/api', marker: { jsonHas: ['version'], header: { server: 'TornadoServer' } }, auth: 'open' },
    { path: '/hub/api/users', marker: { status: 403, header: { server: 'TornadoServer' } }, auth: 'required' },
  ],
  version: [{ path: '/hub/api', json: 'version' }],
  checks: [
    { id: 'jupyterhub-users', path: '/hub/api/users', marker: { jsonArray: true } },
  ],
};
