import type { ServiceFingerprint } from './schema.js';

export const openaiCompatible: ServiceFingerprint = {
  id: 'openai-compatible',
  name: 'OpenAI-compatible model server',
  ports: [8000, 8080, 1234],
  docs: 'https://platform.openai.com/docs/api-reference/models/list',
  // llama.cpp tools/server/server.cpp: with --api-key, "/", /health, /models, /v1/models and /api/tags
  // stay public; every other path answers 401 {"error":{"code":401,"message":"Invalid API Key",
  // "type":"authentication_error"}} before routing. So /v1/models answering proves nothing about
  // inference; a GET on the (POST-only) chat route that reaches the router (404/405) instead of an
  // authentication error does.
  identify: [
    { path: '/v1/models', marker: { jsonEq: { object: 'list', 'data/0/object': 'model' } }, auth: 'open' },
    { path: '/v1/chat/completions', marker: { status: 401, jsonEq: { 'error/message': 'Invalid API Key', 'error/type': 'authentication_error' } }, auth: 'required' },
  ],
  checks: [
    { id: 'openai-inference', path: '/v1/chat/completions', marker: { status: [404, 405] } },
    { id: 'openai-models', path: '/v1/models', marker: { jsonEq: { object: 'list' } } },
  ],
  active: { bodyPath: '/v1/completions', burstPath: '/v1/models', openAI: true },
};
