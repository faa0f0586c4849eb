// GPU facts shared by the Kubernetes rules: which extended resources are accelerators, and how to
// recognise NVIDIA's own GPU Operator components, which are privileged by design (driver installer,
// container toolkit, device plugin, DCGM) and would otherwise drown every report in noise.

/** Extended-resource names (exact, or prefixes ending in '/' or '-') that allocate an accelerator. */
export const GPU_RESOURCES = ['nvidia.com/gpu', 'nvidia.com/mig-', 'nvidia.com/gpu.shared', 'amd.com/gpu', 'gpu.intel.com/', 'habana.ai/gaudi', 'aws.amazon.com/neuron'];

export function isGpuResource(name: string): boolean {
  return GPU_RESOURCES.some((r) => name === r || ((r.endsWith('/') || r.endsWith('-')) && name.startsWith(r)));
}

/**
 * NVIDIA GPU Operator / device-plugin component images (repository path after the registry). An
 * allow-list by image AND namespace, as the reference catalog (GPU-016) asks: a pod merely named
 * "nvidia-device-plugin" with another image is not exempt.
 */
export const NVIDIA_COMPONENT_IMAGES = [
  'nvcr.io/nvidia/driver',
  'nvcr.io/nvidia/k8s/container-toolkit',
  'nvcr.io/nvidia/k8s-device-plugin',
  'nvcr.io/nvidia/k8s/dcgm-exporter',
  'nvcr.io/nvidia/cloud-native/dcgm',
  'nvcr.io/nvidia/cloud-native/k8s-driver-manager',
  'nvcr.io/nvidia/cloud-native/gpu-operator-validator',
  'nvcr.io/nvidia/cloud-native/k8s-mig-manager',
  'nvcr.io/nvidia/cloud-native/vgpu-device-manager',
  'nvcr.io/nvidia/cloud-native/k8s-kata-manager',
  'nvcr.io/nvidia/cloud-native/k8s-cc-manager',
  'nvcr.io/nvidia/gpu-operator',
  'nvcr.io/nvidia/gpu-feature-discovery',
  'nvcr.io/nvidia/k8s/cuda-sample',
  'registry.k8s.io/nfd/node-feature-discovery',
];

/** Namespaces the GPU Operator and the standalone device plugin are installed into. */
export const NVIDIA_COMPONENT_NAMESPACES = new Set(['gpu-operator', 'gpu-operator-resources', 'nvidia-gpu-operator', 'nvidia-device-plugin', 'kube-system']);

export function isNvidiaComponentImage(image: string | undefined): boolean {
  if (!image) return false;
  const ref = image.split('@')[0];
  // Drop the tag: a ':' after the last '/' (a registry port comes before it).
  const colon = ref.indexOf(':', ref.lastIndexOf('/') + 1);
  const repo = colon === -1 ? ref : ref.slice(0, colon);
  return NVIDIA_COMPONENT_IMAGES.some((p) => repo === p || repo.startsWith(`${p}/`) || repo.startsWith(`${p}-`));
}

/** hostPath prefixes that hand a container GPU devices or the driver outside the device plugin. */
export const GPU_HOST_PATHS = [
  '/dev/nvidia', '/dev/dri', '/dev/infiniband', '/dev/kfd',
  '/run/nvidia', '/var/run/nvidia', '/usr/local/nvidia', '/usr/lib/nvidia',
  '/usr/lib/x86_64-linux-gnu/libnvidia', '/usr/lib/x86_64-linux-gnu/libcuda', '/usr/lib64/libnvidia', '/usr/lib64/libcuda',
  '/usr/bin/nvidia-smi', '/etc/nvidia-container-runtime', '/proc/driver/nvidia',
];

export function gpuHostPath(p: string): boolean {
  return p === '/dev' || GPU_HOST_PATHS.some((g) => p === g || p.startsWith(g));
}
