import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/token-logprobs-exposed',
  title: "Model returns token log-probabilities to anonymous callers",
  severity: 'low',
  description:
    "The model server returns per-token log-probabilities (top-n alternatives) to unauthenticated callers. Logprobs make model extraction and distillation far cheaper and enable membership-inference attacks (ATLAS AML.T0024). It is tested only with `--active`: one one-token completion asking for `logprobs` on an OpenAI-compatible server (TGI's `/info` does not report its `--max-top-n-tokens` limit, so it is not read from there).",
  remediation:
    "Require authentication on the inference API, and disable or cap logprobs output for callers that do not need it (TGI `--max-top-n-tokens 0`, vLLM `--max-logprobs`).",
  references: ["https://atlas.mitre.org/techniques/AML.T0024", "https://atlas.mitre.org/techniques/AML.T0005"],
  tags: ["endpoint", "serving", "model-extraction"],
};

const judge: Judge<'logprobs'> = (o, _facts, service) => ({
  message: `${service?.name} returns top-${o.topLogprobs} token log-probabilities to anonymous callers, which makes distilling or extracting the model cheaper`,
});

export default observationRule(meta, 'logprobs', judge);
