import type { ServiceFingerprint } from './schema.js';

export const vllm: ServiceFingerprint = {
  id: 'vllm',
  name: 'vLLM OpenAI-compatible server',
  package: { ecosystem: 'PyPI', name: 'vllm' },
  ports: [8000],
  docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
  identify: [
    { path: '/v1/models', marker: { jsonEq: { object: 'list', 'data/0/owned_by': 'vllm' } }, auth: 'open' },
    // vllm-project/vllm entrypoints/openai/api_server.py AuthenticationMiddleware: with --api-key, paths
    // under /v1 answer 401 {"error": "Unauthorized"}; /health, /version and /metrics stay open.
    // ModelCard.owned_by defaults to "vllm" (entrypoints/openai/protocol.py).
    { path: '/v1/models', marker: { status: 401, jsonEq: { error: 'Unauthorized' } }, auth: 'required' },
  ],
  version: [{ path: '/version', json: 'version' }],
  supersedes: ['openai-compatible'],
  checks: [
    { id: 'vllm-inference', path: '/v1/models', marker: { jsonEq: { object: 'list' } } },
    { id: 'vllm-models', path: '/v1/models', marker: { jsonEq: { object: 'list' } } },
    { id: 'vllm-metrics', path: '/metrics', marker: { bodyIncludes: ['vllm:'] } },
  ],
  active: { bodyPath: '/v1/completions', burstPath: '/v1/models', openAI: true },
};
