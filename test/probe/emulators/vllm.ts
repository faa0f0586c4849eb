import type { Emulator } from './server.js';
import { PROM } from './replies.js';

// checked: vllm-project/vllm entrypoints/openai/api_server.py (AuthenticationMiddleware: only paths
// under /v1 need the key -> 401 {"error": "Unauthorized"}; /health, /version, /metrics stay open),
// entrypoints/openai/protocol.py (ModelCard: id, object "model", created, owned_by "vllm", root,
// parent, max_model_len, permission; ModelList object "list").
export const vllm: Emulator = {
  id: 'vllm',
  service: 'vllm',
  headers: { server: 'uvicorn' },
  open: {
    '/v1/models': { body: { object: 'list', data: [{ id: 'facebook/opt-125m', object: 'model', created: 1715000000, owned_by: 'vllm', root: 'facebook/opt-125m', parent: null, max_model_len: 2048, permission: [] }] } },
    '/version': { body: { version: '0.4.2' } },
    '/health': { body: '' },
    '/metrics': { headers: PROM, body: '# HELP vllm:num_requests_running Number of requests currently running on GPU.\n# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name="facebook/opt-125m"} 0.0\n' },
    // FastAPI: a GET on a POST-only route is 405 {"detail": "Method Not Allowed"}.
    '/v1/chat/completions': { status: 405, body: { detail: 'Method Not Allowed' } },
    '/v1/completions': (req, body) => {
      if (req.method !== 'POST') return { status: 405, body: { detail: 'Method Not Allowed' } };
      let parsed: { logprobs?: number } = {};
      try {
        parsed = JSON.parse(body.toString('utf8')) as { logprobs?: number };
      } catch {
        return { status: 400, body: { object: 'error', message: 'Invalid JSON', type: 'BadRequestError', code: 400 } };
      }
      if (parsed.logprobs === undefined || !('model' in parsed)) return { status: 400, body: { object: 'error', message: 'field required', type: 'BadRequestError', code: 400 } };
      return { body: { id: 'cmpl-1', object: 'text_completion', model: 'facebook/opt-125m', choices: [{ index: 0, text: ' world', logprobs: { tokens: [' world'], token_logprobs: [-1.2], top_logprobs: [{ ' world': -1.2, ' there': -2.1 }], text_offset: [0] }, finish_reason: 'length' }] } };
    },
  },
  // --api-key: every /v1 route answers 401 {"error": "Unauthorized"}; /version, /health and /metrics
  // stay open (so the metrics finding is still true of a vLLM with an API key).
  secured: {
    routes: {
      '/version': { body: { version: '0.4.2' } },
      '/health': { body: '' },
      '/metrics': { headers: PROM, body: '# HELP vllm:num_requests_running Number of requests currently running on GPU.\n# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name="facebook/opt-125m"} 0.0\n' },
    },
    deny: { status: 401, body: { error: 'Unauthorized' } },
  },
  notFound: { status: 404, body: { detail: 'Not Found' } },
};
