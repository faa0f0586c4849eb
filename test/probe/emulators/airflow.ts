import type { Emulator } from './server.js';

// checked: apache/airflow airflow/api/common/airflow_health.py (metadatabase/scheduler/triggerer
// status; Airflow 3 adds dag_processor). unverified: that /api/v1/version stays public with the basic
// auth backend (security: [] in the v1 OpenAPI spec, from memory) and the problem+json 401 body.
export const airflow: Emulator = {
  id: 'airflow',
  service: 'airflow',
  headers: { server: 'gunicorn' },
  open: {
    '/health': { body: { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy', latest_scheduler_heartbeat: '2024-05-01T10:00:00.000000+00:00' }, triggerer: { status: null, latest_triggerer_heartbeat: null } } },
    '/api/v1/version': { body: { version: '2.7.3', git_version: '.release:2.7.3+0d5a2a0b0a5d0b5c' } },
    '/api/v1/dags': { body: { dags: [{ dag_id: 'train_model', is_paused: false, owners: ['airflow'] }], total_entries: 1 } },
  },
  secured: {
    routes: {
      '/health': { body: { metadatabase: { status: 'healthy' }, scheduler: { status: 'healthy', latest_scheduler_heartbeat: '2024-05-01T10:00:00.000000+00:00' } } },
      '/api/v1/version': { body: { version: '2.7.3', git_version: '.release:2.7.3+0d5a2a0b0a5d0b5c' } },
    },
    // auth_backends = airflow.api.auth.backend.basic_auth; the docker-compose quick start creates airflow/airflow.
    deny: (req) => {
      if (req.headers.authorization === `Basic ${Buffer.from('airflow:airflow').toString('base64')}` && (req.url ?? '').startsWith('/api/v1/dags')) {
        return { body: { dags: [{ dag_id: 'train_model', is_paused: false, owners: ['airflow'] }], total_entries: 1 } };
      }
      return { status: 401, headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Basic' }, body: { detail: null, status: 401, title: 'Unauthorized', type: 'https://airflow.apache.org/docs/apache-airflow/2.7.3/stable-rest-api-ref.html#section/Errors/Unauthenticated' } };
    },
  },
  notFound: { status: 404, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><title>Airflow 404</title>' },
};
