import type { ServiceFingerprint } from './schema.js';

export const airflow: ServiceFingerprint = {
  id: 'airflow',
  name: 'Apache Airflow',
  package: { ecosystem: 'PyPI', name: 'apache-airflow' },
  ports: [8080],
  docs: 'https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html',
  identify: [
    { path: '/health', marker: { jsonHas: ['metadatabase/status', 'scheduler/status'] }, auth: 'open' },
    { path: '/api/v2/monitor/health', marker: { jsonHas: ['metadatabase/status', 'scheduler/status'] }, auth: 'open' },
    // Airflow 2 api_connexion: an unauthenticated REST call is a 401 problem+json {"title": "Unauthorized", ...}
    // (the basic_auth backend adds WWW-Authenticate: Basic). Without it a secured Airflow looked "open"
    // and its documented default login was never tried.
    { path: '/api/v1/dags?limit=1', marker: { status: 401, header: { 'content-type': 'application/problem+json' }, jsonEq: { title: 'Unauthorized' } }, auth: 'required' },
  ],
  // /api/v1/version is public in the Airflow 2 REST API (security: []).
  version: [{ path: '/api/v1/version', json: 'version' }, { path: '/api/v2/version', json: 'version' }],
  checks: [
    { id: 'airflow-dags', path: '/api/v1/dags?limit=1', marker: { jsonHas: ['dags', 'total_entries'] } },
    { id: 'airflow-dags-v2', path: '/api/v2/dags?limit=1', marker: { jsonHas: ['dags', 'total_entries'] } },
  ],
  defaultCredentials: [
    {
      username: 'airflow',
      password: 'airflow',
      path: '/api/v1/dags?limit=1',
      marker: { jsonHas: ['dags', 'total_entries'] },
      source: 'https://airflow.apache.org/docs/apache-airflow/stable/howto/docker-compose/index.html',
    },
  ],
};
