import { ATLAS, issueRule } from './support.js';

export default issueRule({
  id: 'platform/trust-remote-code',
  title: "Model server runs with --trust-remote-code",
  severity: 'high',
  description:
    "`--trust-remote-code` lets the model repository ship Python (modeling_*.py, tokenizer code) that the server imports and runs. Whoever controls the model repo \u2014 or a typo-squatted/compromised one on the Hugging Face Hub \u2014 runs code in the serving pod, next to its GPUs and credentials.",
  remediation: "Drop `--trust-remote-code`; use architectures supported natively, or vendor the reviewed code and pin the model by `--revision <commit sha>`.",
  references: ['https://huggingface.co/docs/transformers/main/en/models#custom-models', 'https://docs.vllm.ai/en/latest/usage/security.html', ATLAS('AML.T0010')],
  tags: ["ml-platform", "supply-chain", "huggingface"],
});
