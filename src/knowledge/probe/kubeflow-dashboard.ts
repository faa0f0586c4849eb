import type { ServiceFingerprint } from './schema.js';

export const kubeflowDashboard: ServiceFingerprint = {
  id: 'kubeflow-dashboard',
  name: 'Kubeflow central dashboard',
  ports: [8082, 80],
  docs: 'https://github.com/kubeflow/kubeflow/tree/master/components/centraldashboard',
  identify: [{ path: '/api/dashboard-links', marker: { jsonHas: ['menuLinks'] }, auth: 'open' }],
  checks: [
    { id: 'kubeflow-env-info', path: '/api/workgroup/env-info', marker: { jsonHas: ['namespaces', 'platform'] } },
  ],
};
