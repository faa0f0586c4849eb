import { ATLAS, issueRule } from './support.js';

export default issueRule({
  id: 'platform/triton-explicit-model-control',
  title: 'Triton model repository API enabled and unrestricted (explicit model control)',
  severity: 'high',
  description:
    '`--model-control-mode=explicit` keeps the model-repository API live (`POST v2/repository/models/<name>/load|unload`): anyone reaching the HTTP or gRPC port ' +
    'loads and unloads models, and loading a model runs its code (Python backend, custom backends); the load API also had a path traversal (CVE-2023-31036). ' +
    'Triton has no authentication of its own; the only built-in control is a shared header secret per API category ' +
    '(`--http-restricted-api=model-repository:<header>=<secret>` and `--grpc-restricted-protocol=model-repository:<header>=<secret>`). Reported when an enabled ' +
    'endpoint (not `--allow-http=false` / `--allow-grpc=false`, not bound to loopback) leaves `model-repository` unrestricted. Exposed outside the cluster ' +
    '(LoadBalancer / NodePort / Ingress, in any scanned file): critical; in-cluster only: medium.',
  remediation:
    'Use `--model-control-mode=none` in production. If models must be loaded at run time, restrict the API on every enabled endpoint ' +
    '(`--http-restricted-api=model-repository,model-config,shared-memory:admin-key=$(TRITON_ADMIN_KEY)` and the same `--grpc-restricted-protocol`, the secret from a Secret), ' +
    'disable the endpoint you do not use (`--allow-grpc=false`), and never expose the port directly.',
  references: [
    'https://github.com/triton-inference-server/server/blob/main/docs/customization_guide/deploy.md',
    'https://github.com/triton-inference-server/server/blob/main/docs/customization_guide/inference_protocols.md#limit-endpoint-access-beta',
    'https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_management.md',
    'https://nvd.nist.gov/vuln/detail/CVE-2023-31036',
    ATLAS('AML.T0049'),
  ],
  tags: ['ml-platform', 'triton', 'authentication'],
});
