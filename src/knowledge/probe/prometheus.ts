import type { ServiceFingerprint } from './schema.js';

export const prometheus: ServiceFingerprint = {
  id: 'prometheus',
  name: 'Prometheus',
  package: { ecosystem: 'Go', name: 'github.com/prometheus/prometheus' },
  ports: [9090],
  docs: 'https://prometheus.io/docs/prometheus/latest/querying/api/',
  identify: [{ path: '/api/v1/status/buildinfo', marker: { jsonEq: { status: 'success' }, jsonHas: ['data/version', 'data/goVersion'] }, auth: 'open' }],
  version: [{ path: '/api/v1/status/buildinfo', json: 'data/version' }],
  checks: [
    { id: 'prometheus-query-api', path: '/api/v1/targets?state=active', marker: { jsonEq: { status: 'success' } } },
    { id: 'prometheus-admin-api', path: '/api/v1/status/flags', marker: { jsonEq: { status: 'success', 'data/web.enable-admin-api': 'true' } } },
  ],
};
