import type { ServiceFingerprint } from './schema.js';

export const kserve: ServiceFingerprint = {
  id: 'kserve',
  name: 'KServe model server (v1/v2 protocol)',
  package: { ecosystem: 'PyPI', name: 'kserve' },
  ports: [8080],
  docs: 'https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/',
  identify: [
    { path: '/v2', marker: { jsonContains: { extensions: 'model_repository_extension' }, jsonHas: ['name', 'version'] }, auth: 'open' },
    { path: '/', marker: { jsonEq: { status: 'alive' } }, auth: 'open' },
  ],
  version: [{ path: '/v2', json: 'version' }],
  checks: [
    { id: 'kserve-models', path: '/v1/models', marker: { jsonHas: ['models'] } },
    { id: 'kserve-inference', path: '/v1/models', marker: { jsonHas: ['models'] } },
  ],
  active: { bodyPath: '/v1/models/mlwarden-probe:predict', burstPath: '/v2/health/ready' },
};
