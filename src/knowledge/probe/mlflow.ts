import type { ServiceFingerprint } from './schema.js';

export const mlflow: ServiceFingerprint = {
  id: 'mlflow',
  name: 'MLflow tracking server',
  package: { ecosystem: 'PyPI', name: 'mlflow' },
  ports: [5000, 5001],
  docs: 'https://mlflow.org/docs/latest/rest-api.html',
  identify: [
    { path: '/api/2.0/mlflow/experiments/search?max_results=1', marker: { jsonHas: ['experiments'] }, auth: 'open' },
    // mlflow.server.auth answers unauthenticated requests with a Basic challenge for realm "mlflow".
    { path: '/api/2.0/mlflow/experiments/search?max_results=1', marker: { status: 401, header: { 'www-authenticate': 'realm="mlflow"' } }, auth: 'required' },
    { path: '/', marker: { bodyIncludes: ['<title>MLflow</title>'] }, auth: 'open' },
  ],
  version: [{ path: '/version' }],
  checks: [
    { id: 'mlflow-tracking-api', path: '/api/2.0/mlflow/experiments/search?max_results=1', marker: { jsonHas: ['experiments'] } },
    { id: 'mlflow-artifact-proxy', path: '/api/2.0/mlflow-artifacts/artifacts', marker: { header: { 'content-type': 'application/json' } } },
    { id: 'mlflow-model-registry', path: '/api/2.0/mlflow/registered-models/search?max_results=1', marker: { header: { 'content-type': 'application/json' } } },
  ],
  defaultCredentials: [
    {
      username: 'admin',
      password: 'password1234',
      path: '/api/2.0/mlflow/experiments/search?max_results=1',
      marker: { jsonHas: ['experiments'] },
      source: 'https://mlflow.org/docs/latest/auth/index.html',
    },
  ],
};
