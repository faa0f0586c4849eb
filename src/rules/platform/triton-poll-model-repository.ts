import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/triton-poll-model-repository',
  title: 'Triton polls its model repository (POLL model control)',
  severity: 'medium',
  description:
    '`--model-control-mode=poll` makes Triton load whatever appears in the model repository (a volume, an S3 / GCS bucket) without any request, and loading ' +
    'a model runs its code (Python backend, custom backends). Whoever can write to the repository — a CI job, a shared bucket policy, a compromised notebook ' +
    'with the same credentials — gets code execution in the server and its GPUs. NVIDIA warns that POLL mode can observe partial changes and does not ' +
    'recommend it for production. The load/unload API is disabled in this mode, so `--http-restricted-api` does not help here.',
  remediation:
    'Use `--model-control-mode=none` (or explicit with a restricted model-repository API), mount the repository read-only, and keep write access to the ' +
    'repository bucket / volume to the release pipeline only.',
  references: [
    'https://github.com/triton-inference-server/server/blob/main/docs/user_guide/model_management.md#model-control-mode-poll',
    'https://github.com/triton-inference-server/server/blob/main/docs/customization_guide/deploy.md',
    ATLAS('AML.T0010'),
    ATLAS('AML.T0018'),
  ],
  tags: ['ml-platform', 'triton', 'supply-chain'],
}, [
  { service: 'triton', setting: 'modelControlMode', when: (v) => v.trim().toLowerCase() === 'poll', message: () => 'Triton runs with --model-control-mode=poll: whatever appears in the model repository (volume, bucket) is loaded without a request, and loading a model runs its code (Python backend); NVIDIA does not recommend POLL mode in production' },
]);
