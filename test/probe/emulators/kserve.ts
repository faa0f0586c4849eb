import type { Emulator } from './server.js';
import { istioDenied } from './replies.js';

// checked (earlier pass): kserve/kserve python/kserve/kserve/protocol/dataplane.py (v2 server metadata
// {name, version, extensions: ["model_repository_extension"]}, "/" liveness {"status": "alive"},
// GET /v1/models {"models": [...]}). KServe's own server has no authentication; Istio does it.
export const kserve: Emulator = {
  id: 'kserve',
  service: 'kserve',
  headers: { server: 'uvicorn' },
  open: {
    '/': { body: { status: 'alive' } },
    '/v1/models': { body: { models: ['sklearn-iris'] } },
    '/v2': { body: { name: 'kserve', version: '0.11.2', extensions: ['model_repository_extension'] } },
    '/v2/health/ready': { body: { ready: true } },
  },
  secured: { deny: istioDenied },
  notFound: { status: 404, body: { detail: 'Not Found' } },
};
