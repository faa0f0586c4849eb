import type { Emulator } from './server.js';
import { PROM, proxy401 } from './replies.js';

// unverified: metric names from docs/user_guide/metrics.md (nv_inference_request_success), not source.
export const tritonMetrics: Emulator = {
  id: 'triton-metrics',
  service: 'triton-metrics',
  open: { '/metrics': { headers: PROM, body: '# HELP nv_inference_request_success Number of successful inference requests\n# TYPE nv_inference_request_success counter\nnv_inference_request_success{model="densenet_onnx",version="1"} 0\n' } },
  secured: { deny: proxy401 },
};
