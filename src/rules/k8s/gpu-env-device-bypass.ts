import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { ATLAS, NIST_190, containerKey, isNvidiaComponent, reportAt, requestsGpu, where } from './support.js';
import { envEntries } from './env.js';

// NVIDIA_VISIBLE_DEVICES is honoured by the container toolkit from unprivileged containers unless the
// node sets accept-nvidia-visible-devices-envvar-when-unprivileged=false: a pod with no GPU request
// then gets the GPUs it names (NVIDIA/k8s-device-plugin#87, bottlerocket PR #3718).
const DEVICE_VARS: Record<string, 'visible' | 'caps'> = { NVIDIA_VISIBLE_DEVICES: 'visible', NVIDIA_DRIVER_CAPABILITIES: 'caps' };
/** Values that hand out no GPU. */
const HARMLESS = new Set(['void', 'none', '']);

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/gpu-env-device-bypass',
    title: 'NVIDIA_VISIBLE_DEVICES / NVIDIA_DRIVER_CAPABILITIES set without a GPU request',
    severity: 'high',
    description:
      'The container sets `NVIDIA_VISIBLE_DEVICES` (or `NVIDIA_DRIVER_CAPABILITIES`) but requests no `nvidia.com/gpu`. With the NVIDIA container ' +
      'toolkit\'s default (`accept-nvidia-visible-devices-envvar-when-unprivileged = true`) the runtime mounts the GPUs the variable names — ' +
      '`all` means every GPU of the node — bypassing the device plugin, quotas and scheduling: GPUs other tenants were allocated are shared ' +
      'with this pod, and unaccounted GPU use (cryptojacking) goes unseen. NVIDIA_DRIVER_CAPABILITIES=all also adds the graphics/video/display ' +
      'driver surface. NVIDIA operator components, which set these on purpose, are not reported.',
    remediation:
      'Remove the variables and request GPUs with `resources.limits["nvidia.com/gpu"]`. On the nodes set ' +
      '`accept-nvidia-visible-devices-envvar-when-unprivileged = false` and `accept-nvidia-visible-devices-as-volume-mounts = true` ' +
      '(device plugin `DEVICE_LIST_STRATEGY=volume-mounts`), or use CDI.',
    references: [
      'https://github.com/NVIDIA/k8s-device-plugin/issues/87', 'https://github.com/bottlerocket-os/bottlerocket/pull/3718',
      'https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html', NIST_190('4.4.3'), ATLAS('AML.T0034'),
    ],
    tags: ['kubernetes', 'gpu', 'device-plugin'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      for (const c of pod.containers) {
        if (requestsGpu(c)) continue;
        for (const e of envEntries(c)) {
          const what = DEVICE_VARS[e.name];
          if (!what || e.value === undefined || HARMLESS.has(e.value.trim().toLowerCase())) continue;
          const severity = what === 'visible' ? 'high' : 'medium';
          const detail = what === 'visible' ? `gets GPUs '${e.value}' outside the device plugin` : `asks for driver capabilities '${e.value}'`;
          reportAt(model, ctx, pod.obj, e.valuePath, {
            message: `${where(c)} requests no nvidia.com/gpu but sets ${e.name}=${e.value}: it ${detail}`,
            key: `${containerKey(c)}/${e.name}`, evidence: `${e.name}=${e.value}`, severity,
          });
        }
      }
    }
  },
};
export default rule;
