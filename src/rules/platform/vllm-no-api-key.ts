import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/vllm-no-api-key',
  title: "vLLM server without an API key",
  severity: 'high',
  description:
    "The vLLM OpenAI-compatible server runs without `--api-key` / `VLLM_API_KEY`: anyone who reaches it runs inference on your GPUs (cost harvesting) and reads model metadata. Even with a key, vLLM protects only `/v1` paths; keep it behind a gateway. Exposed outside: critical.",
  remediation: "Start vLLM with `--api-key` from a Secret (`VLLM_API_KEY`), and put an authenticating gateway in front for non-/v1 endpoints.",
  references: ['https://docs.vllm.ai/en/latest/usage/security.html', ATLAS('AML.T0034'), ATLAS('AML.T0040')],
  tags: ["ml-platform", "vllm", "authentication"],
}, [
  { service: 'vllm', missing: 'apiKey', auth: true, message: 'vLLM OpenAI-compatible server runs without --api-key / VLLM_API_KEY: anyone who reaches it can use (and exhaust) the GPUs' },
]);
