import type { ServiceFingerprint } from './schema.js';

export const tgi: ServiceFingerprint = {
  id: 'tgi',
  name: 'Hugging Face Text Generation Inference',
  ports: [8080, 3000],
  docs: 'https://huggingface.github.io/text-generation-inference/',
  // huggingface/text-generation-inference router/src/lib.rs `struct Info` (GET /info): model_id, ...,
  // router "text-generation-router", version. Info has no max_top_n_tokens field in any version (the
  // launcher's --max-top-n-tokens is not reported), so top-n logprobs cannot be read from /info.
  identify: [{ path: '/info', marker: { jsonEq: { router: 'text-generation-router' }, jsonHas: ['model_id'] }, auth: 'open' }],
  version: [{ path: '/info', json: 'version' }],
  supersedes: ['openai-compatible'],
  checks: [
    { id: 'tgi-inference', path: '/info', marker: { jsonHas: ['model_id'] } },
    { id: 'tgi-model', path: '/info', marker: { jsonHas: ['model_id'] } },
    { id: 'tgi-metrics', path: '/metrics', marker: { bodyIncludes: ['tgi_'] } },
  ],
  active: { bodyPath: '/generate', burstPath: '/health' },
};
