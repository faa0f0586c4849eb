import type { Emulator } from './server.js';

// JupyterLab on jupyter_server. checked: jupyterlab/jupyterlab jupyterlab/labapp.py and
// jupyterlab_server (LabHandler renders /lab with <script id="jupyter-config-data"> and the title
// "JupyterLab"); jupyter_server GET /api is public ({"version": ...}), /api/kernels, /api/terminals and
// /api/contents need the token (403 from the API, /lab redirects to /login?next=%2Flab).
const tornado = { server: 'TornadoServer/6.4' };
export const jupyterlab: Emulator = {
  id: 'jupyterlab',
  service: 'jupyterlab',
  headers: tornado,
  open: {
    '/api': { body: { version: '2.14.2' } },
    '/lab': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><head><title>JupyterLab</title><script id="jupyter-config-data" type="application/json">{"appName": "JupyterLab", "baseUrl": "/"}</script></head><body></body></html>' },
    '/api/kernels': { body: [] },
    '/api/terminals': { body: [] },
    '/api/contents': { body: { name: '', path: '', type: 'directory', content: [] } },
  },
  secured: {
    routes: { '/api': { body: { version: '2.14.2' } }, '/lab': { status: 302, headers: { location: '/login?next=%2Flab' }, body: '' }, '/login': { headers: { 'content-type': 'text/html' }, body: '<html><head><title>Jupyter Server</title></head><body>Password or token</body></html>' } },
    // API handlers refuse without the token; paths no handler serves are 404 for everyone.
    deny: (req) =>
      (req.url ?? '').startsWith('/api/')
        ? { status: 403, headers: { 'content-type': 'application/json' }, body: { message: 'Forbidden', reason: null } }
        : { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>404: Not Found</title></head><body>404 : Not Found</body></html>' },
  },
};
