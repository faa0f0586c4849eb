import { ATLAS, issueRule } from './support.js';

export default issueRule({
  id: 'platform/triton-explicit-model-control',
  title: "Triton model repository API enabled (explicit model control)",
  severity: 'high',
  description:
    "`--model-control-mode=explicit` keeps the repository API live: anyone reaching the HTTP/gRPC port can load and unload models. Loading a model with the Python backend runs its code, and the load API had a path traversal (CVE-2023-31036). Triton has no authentication of its own; exposed outside: critical.",
  remediation: "Use `--model-control-mode=none` in production, or restrict the API with `--http-restricted-api=model-repository:<header>=<secret>` (and the gRPC equivalent), and never expose the port directly.",
  references: ['https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_management.md', 'https://nvd.nist.gov/vuln/detail/CVE-2023-31036', ATLAS('AML.T0049')],
  tags: ["ml-platform", "triton"],
});
