import { checkRule, type CheckVerdicts } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/unauthenticated-inference',
  title: "Model inference endpoint has no authentication",
  severity: 'medium',
  description:
    "The model server answers inference requests from anyone who can reach it. Open inference lets outsiders spend your GPUs, query the model at will (ATLAS AML.T0040 ML Model Inference API Access) to extract or invert it, and probe it for jailbreaks or training-data leakage.",
  remediation:
    "Require an API key or token on the inference API (vLLM `--api-key`, TorchServe token authorization, an authenticating gateway or service mesh policy for Triton, TF Serving, KServe and TGI) and expose it only to the clients that need it.",
  references: ["https://atlas.mitre.org/techniques/AML.T0040", "https://atlas.mitre.org/techniques/AML.T0024", "https://cwe.mitre.org/data/definitions/306.html", "https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/"],
  tags: ["endpoint", "serving", "authentication"],
};

// Each row: a fingerprint check whose answer shows the inference API takes requests without
// credentials, and what that exposes.
export const VERDICTS: CheckVerdicts = {
  'triton:triton-inference': {
    severity: 'medium',
    message: 'Triton inference endpoints (POST /v2/models/{model}/infer) have no authentication in front of them',
  },
  'ollama:ollama-inference': {
    severity: 'medium',
    message: 'Ollama generation endpoints (/api/generate, /api/chat) have no authentication',
  },
  'vllm:vllm-inference': {
    severity: 'medium',
    message: 'vLLM completions and chat endpoints answer without an API key (--api-key is not set)',
  },
  'openai-compatible:openai-inference': {
    severity: 'medium',
    message: 'OpenAI-compatible completions endpoints answer without an API key (a request to /v1/chat/completions reached the router instead of an authentication error)',
  },
  'tgi:tgi-inference': {
    severity: 'medium',
    message: 'TGI /generate and /v1/chat/completions answer without authentication',
  },
  'tf-serving:tf-serving-inference': {
    severity: 'medium',
    message: 'TensorFlow Serving REST API has no authentication: every served model can be queried (:predict, :classify, :regress)',
  },
  'kserve:kserve-inference': {
    severity: 'medium',
    message: 'KServe predict/infer endpoints answer without authentication',
  },
};

export default checkRule(meta, VERDICTS);
