import type { ServiceFingerprint } from './schema.js';

export const dcgmExporter: ServiceFingerprint = {
  id: 'dcgm-exporter',
  name: 'NVIDIA DCGM exporter',
  ports: [9400],
  docs: 'https://github.com/NVIDIA/dcgm-exporter',
  identify: [{ path: '/metrics', marker: { bodyIncludes: ['DCGM_FI_'], header: { 'content-type': 'text/plain' } }, auth: 'open' }],
  checks: [{ id: 'dcgm-metrics', path: '/metrics', marker: { bodyIncludes: ['DCGM_FI_'] } }],
};
