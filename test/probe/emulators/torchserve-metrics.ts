import type { Emulator } from './server.js';
import { PROM, proxy401 } from './replies.js';

// checked: pytorch/serve ts/configs/metrics.yaml (ts_inference_requests_total with model_name,
// model_version, hostname), .../http/api/rest/PrometheusMetricsRequestHandler.java (TextFormat 0.0.4).
export const torchserveMetrics: Emulator = {
  id: 'torchserve-metrics',
  service: 'torchserve-metrics',
  open: {
    '/metrics': { headers: PROM, body: '# HELP ts_inference_requests_total Total number of inference requests.\n# TYPE ts_inference_requests_total counter\nts_inference_requests_total{model_name="squeezenet1_1",model_version="default",hostname="ts-0",} 12.0\n' },
  },
  secured: { deny: proxy401 },
};
