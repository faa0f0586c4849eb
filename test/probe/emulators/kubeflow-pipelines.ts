import type { Emulator } from './server.js';
import { istioDenied } from './replies.js';

// checked: kubeflow/pipelines backend/src/apiserver/main.go (/apis/v1beta1/healthz writes
// {"commit_sha", "tag_name", "multi_user"}; v2beta1 adds "pipeline_store"). unverified: the v2beta1
// pipelines list body (from the generated API docs: pipelines, total_size, next_page_token).
export const kubeflowPipelines: Emulator = {
  id: 'kubeflow-pipelines',
  service: 'kubeflow-pipelines',
  open: {
    '/apis/v1beta1/healthz': { body: { commit_sha: '2b08e7dd4f5e2b5c6d8d0e0b9e1c52d7f2c3b1a0', tag_name: '2.0.5', multi_user: false } },
    '/apis/v2beta1/pipelines': { body: { pipelines: [{ pipeline_id: 'b4c8', display_name: '[Tutorial] Data passing in python components', created_at: '2024-01-01T00:00:00Z' }], total_size: 1 } },
  },
  secured: { deny: istioDenied },
};
