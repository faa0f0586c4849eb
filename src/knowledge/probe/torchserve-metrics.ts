import type { ServiceFingerprint } from './schema.js';

export const torchserveMetrics: ServiceFingerprint = {
  id: 'torchserve-metrics',
  name: 'TorchServe metrics',
  ports: [8082],
  docs: 'https://pytorch.org/serve/metrics_api.html',
  identify: [{ path: '/metrics', marker: { bodyIncludes: ['# TYPE ts_'], header: { 'content-type': 'text/plain' } }, auth: 'open' }],
  checks: [{ id: 'torchserve-metrics', path: '/metrics', marker: { bodyIncludes: ['# TYPE ts_'] } }],
};
