import { isAll, off } from '../../knowledge/ml-services/values.js';
import { serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/triton-metrics-all-interfaces',
  title: 'Triton metrics endpoint listens on all interfaces of a reachable network',
  severity: 'low',
  description:
    'Triton publishes Prometheus metrics on port 8002 unless `--allow-metrics=false`; `--metrics-address` defaults to `--http-address`, which defaults to ' +
    '0.0.0.0. The metrics name every loaded model and version and show request counts, latencies, queue times, GPU utilisation and memory — reconnaissance ' +
    'for model extraction and denial-of-service. NVIDIA recommends disabling metrics when not needed. Reported only where the network is reachable: a ' +
    'Service of type LoadBalancer / NodePort or an Ingress in any scanned file, hostNetwork / hostPort, a compose port on all interfaces, or a Dockerfile ' +
    '(deployment unknown).',
  remediation:
    'Set `--allow-metrics=false` when metrics are not scraped, or bind them to the pod / host address Prometheus scrapes and keep port 8002 off ' +
    'external Services (scrape through a ClusterIP Service or a PodMonitor).',
  references: [
    'https://github.com/triton-inference-server/server/blob/main/docs/customization_guide/deploy.md',
    'https://github.com/triton-inference-server/server/blob/main/docs/user_guide/metrics.md',
  ],
  tags: ['ml-platform', 'triton', 'exposure'],
}, [
  { service: 'triton', bind: true, severity: 'low', test: metricsEverywhere },
]);

function metricsEverywhere(q: SettingQuery) {
  const allow = q.get('allowMetrics');
  if (allow && off(allow.value)) return undefined;
  // --metrics-address defaults to --http-address, which defaults to 0.0.0.0.
  const addr = q.get('metricsAddress') ?? q.get('httpAddress');
  if (addr && !isAll(addr.value)) return undefined;
  return { ...(addr ? { at: addr } : {}), message: `Triton metrics endpoint (port 8002) listens on ${addr ? addr.value : 'all interfaces (default)'}: per-model request counts, latencies, GPU utilisation and memory are readable by anyone who reaches it` };
}
