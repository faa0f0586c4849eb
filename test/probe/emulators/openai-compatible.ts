import type { Emulator } from './server.js';

// checked: ggml-org/llama.cpp tools/server/server.cpp (middleware_validate_api_key: public endpoints
// "/", /health, /models, /v1/models, /api/tags; anything else without the key -> 401
// format_error_response("Invalid API Key", ERROR_TYPE_AUTHENTICATION); /v1/models owned_by "llamacpp").
// unverified: the status and body llama.cpp gives a GET on the POST-only /v1/chat/completions route
// (cpp-httplib's 404 for an unmatched method+path assumed).
const llamaModels = { object: 'list', data: [{ id: 'models/mistral-7b-instruct.Q4_K_M.gguf', object: 'model', created: 1715000000, owned_by: 'llamacpp', meta: { n_ctx_train: 32768 } }] };
export const openaiCompatible: Emulator = {
  id: 'openai-compatible (llama.cpp server)',
  service: 'openai-compatible',
  open: {
    '/v1/models': { body: llamaModels },
    '/v1/chat/completions': { status: 404, headers: { 'content-type': 'text/plain' }, body: 'File Not Found' },
  },
  // --api-key: /v1/models stays public (a true model-listing finding); inference answers 401.
  secured: {
    routes: { '/v1/models': { body: llamaModels }, '/health': { body: { status: 'ok' } } },
    deny: { status: 401, body: { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } } },
  },
};
