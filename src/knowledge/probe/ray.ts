import type { ServiceFingerprint } from './schema.js';

export const ray: ServiceFingerprint = {
  id: 'ray',
  name: 'Ray dashboard',
  package: { ecosystem: 'PyPI', name: 'ray' },
  ports: [8265],
  docs: 'https://docs.ray.io/en/latest/cluster/running-applications/job-submission/rest.html',
  // ray-project/ray python/ray/dashboard/modules/job/job_head.py (GET /api/version, GET /api/jobs/);
  // python/ray/_private/authentication/http_token_authentication.py (RAY_AUTH_MODE=token, Ray >= 2.52:
  // every dashboard request without a token gets 401 with this exact text body).
  identify: [
    { path: '/api/version', marker: { jsonHas: ['ray_version', 'version'] }, auth: 'open' },
    { path: '/api/version', marker: { status: 401, bodyIs: 'Unauthorized: Missing authentication token' }, auth: 'required' },
  ],
  version: [{ path: '/api/version', json: 'ray_version' }],
  checks: [
    { id: 'ray-jobs-api', path: '/api/jobs/', marker: { jsonArray: true } },
  ],
  active: { burstPath: '/api/version' },
};
