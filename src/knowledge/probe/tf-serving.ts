import type { ServiceFingerprint } from './schema.js';

export const tfServing: ServiceFingerprint = {
  id: 'tf-serving',
  name: 'TensorFlow Serving',
  ports: [8501],
  docs: 'https://www.tensorflow.org/tfx/serving/api_rest',
  // GET /v1/models/<unknown> answers 404 with GetModelStatus's NotFound text.
  identify: [{ path: '/v1/models/mlwarden-probe', marker: { status: 404, jsonHas: ['error'], bodyIncludes: ['Could not find any versions of model'] }, auth: 'open' }],
  checks: [
    { id: 'tf-serving-inference', path: '/v1/models/mlwarden-probe', marker: { status: 404, bodyIncludes: ['Could not find any versions of model'] } },
  ],
  active: { bodyPath: '/v1/models/mlwarden-probe:predict', burstPath: '/v1/models/mlwarden-probe' },
};
