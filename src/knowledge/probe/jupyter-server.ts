import type { ServiceFingerprint } from './schema.js';

export const jupyterServer: ServiceFingerprint = {
  id: 'jupyter-server',
  name: 'Jupyter Server / Notebook',
  package: { ecosystem: 'PyPI', name: 'jupyter-server' },
  // Notebook 7 runs on jupyter_server (0.x-2.x so far) and /api reports that version; classic
  // Notebook 4.x-6.x served the same API itself and reports its own version.
  packageByMajor: [{ majors: [4, 6], package: { ecosystem: 'PyPI', name: 'notebook' } }],
  ports: [8888, 8889],
  docs: 'https://jupyter-server.readthedocs.io/en/latest/developers/rest-api.html',
  // GET /api is deliberately public in jupyter_server and notebook: it reports the version only.
  identify: [
    { path: '/api', marker: { jsonHas: ['version'], header: { server: 'TornadoServer' } }, auth: 'open' },
    { path: '/api/kernels', marker: { status: 403, header: { server: 'TornadoServer' } }, auth: 'required' },
  ],
  version: [{ path: '/api', json: 'version' }],
  checks: [
    { id: 'jupyter-kernels', path: '/api/kernels', marker: { jsonArray: true } },
    { id: 'jupyter-terminals', path: '/api/terminals', marker: { jsonArray: true } },
    { id: 'jupyter-contents', path: '/api/contents', marker: { jsonHas: ['type', 'content'] } },
  ],
};
