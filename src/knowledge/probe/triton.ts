import type { ServiceFingerprint } from './schema.js';

export const triton: ServiceFingerprint = {
  id: 'triton',
  name: 'NVIDIA Triton Inference Server',
  ports: [8000],
  docs: 'https://github.com/triton-inference-server/server/blob/main/docs/protocol/extension_model_repository.md',
  identify: [{ path: '/v2', marker: { jsonEq: { name: 'triton' }, jsonHas: ['version', 'extensions'] }, auth: 'open' }],
  version: [{ path: '/v2', json: 'version' }],
  supersedes: ['kserve'],
  checks: [
    { id: 'triton-model-stats', path: '/v2/models/stats', marker: { jsonHas: ['model_stats'] } },
    { id: 'triton-inference', path: '/v2/models/stats', marker: { jsonHas: ['model_stats'] } },
  ],
  active: {
    bodyPath: '/v2/models/mlwarden-probe/infer',
    burstPath: '/v2/health/ready',
    // docs/protocol/extension_model_repository.md: POST /v2/repository/index lists every model in the
    // repository (loaded or not). It is the read-only member of the model-repository API whose other
    // members are POST .../models/{m}/load (with file overrides in the body) and .../unload; Triton's
    // --http-restricted-api=model-repository:<header>=<value> puts all of them behind one header and
    // answers a request without it with a 4xx, never the list.
    posts: [
      {
        id: 'triton-model-repository',
        path: '/v2/repository/index',
        body: '{}',
        marker: { jsonArray: true },
        skipped: 'Triton model repository/control API (POST /v2/repository/index) not checked: it is a POST, sent only with --active',
      },
    ],
  },
};
