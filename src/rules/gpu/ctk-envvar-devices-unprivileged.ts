import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Reads /etc/nvidia-container-runtime/config.toml; absent keys are at the toolkit's default.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/ctk-envvar-devices-unprivileged',
    title: 'Unprivileged containers can request GPUs through NVIDIA_VISIBLE_DEVICES',
    severity: 'medium',
    description: 'With `accept-nvidia-visible-devices-envvar-when-unprivileged` true (the default when the key is absent or commented), any container whose image or spec sets NVIDIA_VISIBLE_DEVICES=all gets GPUs, bypassing the Kubernetes device plugin, GPU quotas and scheduling. NVIDIA bulletin 5599 recommends turning it off together with volume-mount device lists.',
    remediation: 'Set `accept-nvidia-visible-devices-envvar-when-unprivileged = false` and `accept-nvidia-visible-devices-as-volume-mounts = true`, and run the device plugin with DEVICE_LIST_STRATEGY=volume-mounts (GPU Operator: toolkit env ACCEPT_NVIDIA_VISIBLE_DEVICES_ENVVAR_WHEN_UNPRIVILEGED=false), or use CDI.',
    references: [REF.b5599, REF.ctkConfig, 'https://github.com/NVIDIA/gpu-operator/issues/421'],
    tags: ['gpu', 'container-toolkit', 'isolation', 'kubernetes'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const rc = m.runtimeConfig;
    if (!rc || !(rc.acceptEnvvarUnprivileged.value)) return;
    const line = rc.lineOf('accept-nvidia-visible-devices-envvar-when-unprivileged');
    ctx.report({
      message: `accept-nvidia-visible-devices-envvar-when-unprivileged is ${rc.acceptEnvvarUnprivileged.explicit ? 'true' : 'not set (defaults to true)'}: an unprivileged container with NVIDIA_VISIBLE_DEVICES=all gets every GPU without a device-plugin allocation`,
      location: { innerPath: EVIDENCE.runtimeConfig, ...(line ? { line } : {}) },
      evidence: `accept-nvidia-visible-devices-envvar-when-unprivileged = ${rc.acceptEnvvarUnprivileged.explicit ? 'true' : '(default true)'}`,
      key: 'accept-nvidia-visible-devices-envvar-when-unprivileged',
    });
  },
};
export default rule;
