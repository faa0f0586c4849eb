import type { Emulator } from './server.js';

// checked: mlflow/mlflow mlflow/server/__init__.py (/health "OK", /version plain text, "/" index.html),
// mlflow/server/js/public/index.html (<title>MLflow</title>), mlflow/server/auth/__init__.py
// (is_unprotected_route: only /static, /favicon.ico and /health stay public; make_basic_auth_response:
// 401 + WWW-Authenticate: Basic realm="mlflow"), mlflow/server/auth/basic_auth.ini (admin/password1234).
// unverified: the JSON bodies of experiments/search, registered-models/search and mlflow-artifacts
// list (from the REST API docs; protobuf JSON omits empty lists, so an empty store answers {}).
export const mlflow: Emulator = {
  id: 'mlflow',
  service: 'mlflow',
  headers: { server: 'gunicorn' },
  open: {
    '/': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><html lang="en"><head><meta charset="utf-8"/><title>MLflow</title></head><body><div id="root"></div></body></html>' },
    '/version': { headers: { 'content-type': 'text/plain' }, body: '2.9.2' },
    '/health': { headers: { 'content-type': 'text/plain' }, body: 'OK' },
    '/api/2.0/mlflow/experiments/search': { body: { experiments: [{ experiment_id: '0', name: 'Default', artifact_location: 'mlflow-artifacts:/0', lifecycle_stage: 'active', last_update_time: 1700000000000, creation_time: 1700000000000 }] } },
    '/api/2.0/mlflow-artifacts/artifacts': { body: { files: [{ path: '0', is_dir: true }] } },
    '/api/2.0/mlflow/registered-models/search': { body: { registered_models: [{ name: 'fraud-model', creation_timestamp: 1700000000000, latest_versions: [{ name: 'fraud-model', version: '3' }] }] } },
  },
  secured: {
    // mlflow server --app-name basic-auth: only /health and static files stay public (not /version).
    routes: {
      '/health': { headers: { 'content-type': 'text/plain' }, body: 'OK' },
    },
    deny: (req) => {
      const auth = req.headers.authorization ?? '';
      if (auth === `Basic ${Buffer.from('admin:password1234').toString('base64')}` && (req.url ?? '').startsWith('/api/2.0/mlflow/experiments/search')) {
        return { body: { experiments: [{ experiment_id: '0', name: 'Default' }] } };
      }
      return {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="mlflow"', 'content-type': 'text/html; charset=utf-8' },
        body: 'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
      };
    },
  },
};
