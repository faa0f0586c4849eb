import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-no-cgroups',
    title: 'Container runtime does not confine containers to their GPUs (no-cgroups)',
    severity: 'high',
    description: '`[nvidia-container-cli] no-cgroups = true` stops libnvidia-container from setting up the device cgroup for the GPUs a container was given. The setting is meant for rootless Podman; on a shared Docker or Kubernetes node a container can then open every /dev/nvidia* device, including GPUs assigned to other tenants.',
    remediation: 'Remove `no-cgroups = true` (default false) on nodes that run containers of more than one user or tenant. Rootless setups should use CDI with per-device specs instead.',
    references: [REF.ctkConfig, REF.nist190, 'https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html#rootless-mode'],
    tags: ['gpu', 'container-toolkit', 'isolation'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || !(rc.noCgroups.value)) return;
    const line = rc.lineOf('no-cgroups');
    ctx.report({
      message: `no-cgroups = true: containers are not restricted by the device cgroup to the GPUs they were assigned`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `no-cgroups = true`,
      key: 'nvidia-container-cli.no-cgroups',
    });
  },
};
export default rule;
