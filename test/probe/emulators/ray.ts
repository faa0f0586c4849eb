import type { Emulator } from './server.js';

// checked: ray-project/ray python/ray/dashboard/modules/job/job_head.py (GET /api/version ->
// VersionResponse{version, ray_version, ray_commit, session_name}; GET /api/jobs/ -> JSON array of
// JobDetails), python/ray/_private/authentication/http_token_authentication.py (token mode: 401
// text "Unauthorized: Missing authentication token", 403 "Forbidden: Invalid authentication token").
export const ray: Emulator = {
  id: 'ray',
  service: 'ray',
  headers: { server: 'Python/3.10 aiohttp/3.9.1' },
  open: {
    '/api/version': { body: { version: '4', ray_version: '2.8.0', ray_commit: '105355bd253d6538ed34d331f6a4bdf0e38ace3a', session_name: 'session_2024-01-01_00-00-00_000000_1' } },
    '/api/jobs/': { body: [{ type: 'SUBMISSION', job_id: null, submission_id: 'raysubmit_XyZ', status: 'SUCCEEDED', entrypoint: 'python train.py', message: 'Job finished successfully.' }] },
    '/': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><head><title>Ray Dashboard</title></head><body></body></html>' },
  },
  // Ray token authentication (RAY_AUTH_MODE=token, Ray >= 2.52): every dashboard request needs the token.
  secured: { deny: { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Unauthorized: Missing authentication token' } },
};
