import { checkRule, type CheckVerdicts } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/model-listing',
  title: "Model server lists its models and versions to anyone",
  severity: 'low',
  description:
    "The service discloses which models, versions and revisions it serves without authentication. This is reconnaissance for model extraction and for matching a deployed model against known weaknesses (ATLAS AML.T0007 Discover ML Artifacts).",
  remediation:
    "Put model listing and metadata endpoints behind the same authentication as inference, or block them at the gateway when clients do not need them.",
  references: ["https://atlas.mitre.org/techniques/AML.T0007", "https://cwe.mitre.org/data/definitions/200.html"],
  tags: ["endpoint", "serving", "information-disclosure"],
};

// Each row: a fingerprint check whose answer lists the served models without credentials.
export const VERDICTS: CheckVerdicts = {
  'mlflow:mlflow-model-registry': {
    severity: 'low',
    message: 'MLflow model registry is listable without authentication',
  },
  'torchserve:torchserve-model-list': {
    severity: 'low',
    message: 'TorchServe lists its registered models without authentication',
  },
  'triton:triton-model-stats': {
    severity: 'low',
    message: 'Triton lists every loaded model and version, with usage statistics, without authentication',
  },
  'ollama:ollama-tags': {
    severity: 'low',
    message: 'Ollama lists its local models without authentication',
  },
  'vllm:vllm-models': {
    severity: 'low',
    message: 'vLLM lists its served models without authentication',
  },
  'openai-compatible:openai-models': {
    severity: 'low',
    message: 'The served models are listable without authentication',
  },
  'tgi:tgi-model': {
    severity: 'low',
    message: 'TGI discloses its model id, revision and limits without authentication',
  },
  'kserve:kserve-models': {
    severity: 'low',
    message: 'KServe lists its models without authentication',
  },
};

export default checkRule(meta, VERDICTS);
