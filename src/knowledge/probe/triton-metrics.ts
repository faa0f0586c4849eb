import type { ServiceFingerprint } from './schema.js';

export const tritonMetrics: ServiceFingerprint = {
  id: 'triton-metrics',
  name: 'NVIDIA Triton metrics',
  ports: [8002],
  docs: 'https://github.com/triton-inference-server/server/blob/main/docs/user_guide/metrics.md',
  identify: [{ path: '/metrics', marker: { bodyIncludes: ['nv_inference_'], header: { 'content-type': 'text/plain' } }, auth: 'open' }],
  checks: [{ id: 'triton-metrics', path: '/metrics', marker: { bodyIncludes: ['nv_inference_'] } }],
};
