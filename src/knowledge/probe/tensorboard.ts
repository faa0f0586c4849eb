import type { ServiceFingerprint } from './schema.js';

export const tensorboard: ServiceFingerprint = {
  id: 'tensorboard',
  name: 'TensorBoard',
  package: { ecosystem: 'PyPI', name: 'tensorboard' },
  ports: [6006],
  docs: 'https://github.com/tensorflow/tensorboard',
  identify: [{ path: '/data/environment', marker: { jsonHas: ['data_location', 'window_title'] }, auth: 'open' }],
  version: [{ path: '/data/environment', json: 'version' }],
  checks: [
    { id: 'tensorboard-data', path: '/data/environment', marker: { jsonHas: ['data_location'] } },
  ],
};
