import type { Emulator } from './server.js';
import { PROM, proxy401 } from './replies.js';

// checked: NVIDIA/dcgm-exporter default-counters.csv format (DCGM_FI_DEV_GPU_UTIL, gauge, ...).
// unverified: the exact label set of a sample (gpu, UUID, device, modelName, Hostname, pod labels).
export const dcgmExporter: Emulator = {
  id: 'dcgm-exporter',
  service: 'dcgm-exporter',
  open: { '/metrics': { headers: PROM, body: '# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\nDCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-5fd4c1a0-1b1b-2c2c-3d3d-4e4e4e4e4e4e",device="nvidia0",modelName="NVIDIA A100-SXM4-40GB",Hostname="gpu-node-1",container="trainer",namespace="ml",pod="trainer-0"} 87\n' } },
  secured: { deny: proxy401 },
};
