import type { ServiceFingerprint } from './schema.js';

export const kubeflowPipelines: ServiceFingerprint = {
  id: 'kubeflow-pipelines',
  name: 'Kubeflow Pipelines API server',
  ports: [8888, 8080],
  docs: 'https://www.kubeflow.org/docs/components/pipelines/reference/api/kubeflow-pipeline-api-spec/',
  identify: [{ path: '/apis/v1beta1/healthz', marker: { jsonHas: ['multi_user', 'commit_sha'] }, auth: 'open' }],
  version: [{ path: '/apis/v1beta1/healthz', json: 'tag_name' }],
  checks: [
    { id: 'kfp-pipelines', path: '/apis/v2beta1/pipelines?page_size=1', marker: { header: { 'content-type': 'application/json' } } },
  ],
};
