import type { ServiceFingerprint } from './schema.js';

export const jupyterlab: ServiceFingerprint = {
  id: 'jupyterlab',
  name: 'JupyterLab',
  package: { ecosystem: 'PyPI', name: 'jupyterlab' },
  ports: [8888],
  docs: 'https://jupyterlab.readthedocs.io/en/latest/',
  identify: [{ path: '/lab', marker: { bodyIncludes: ['jupyter-config-data', 'JupyterLab'] }, auth: 'open' }],
};
