import type { Rule } from '../../core/types.js';
import { mlSitesParser, type MlSitesModel } from '../../analysis/ml-services/sites.js';
import { ATLAS, NIST_190 } from './support.js';

const rule: Rule<MlSitesModel> = {
  meta: {
    id: 'platform/ml-api-exposed',
    title: 'ML service reachable from outside the cluster / host',
    severity: 'critical',
    description:
      'A Service of type LoadBalancer/NodePort, an Ingress, `externalIPs`, a KubeRay head `serviceType`, the KServe ingress gateway, ' +
      'hostNetwork/hostPort, or a compose port published on all interfaces makes an ML service reachable from outside: Ray dashboard / ' +
      'Jobs API / client port, Jupyter, MLflow, TorchServe management, Triton, vLLM, Ollama, TF Serving, Gradio, Kubeflow UIs, DCGM exporter. ' +
      'The service is joined to the workload by selector and port within the scanned file. Critical when the service has no authentication ' +
      'of its own or it is not configured; high through the KServe gateway or host network; medium when the service is configured with ' +
      'authentication (exposure still widens the attack surface of its pre-auth endpoints).',
    remediation:
      'Keep ML services on ClusterIP and reach them through `kubectl port-forward`, a VPN, or an authenticating gateway (oauth2-proxy, Istio ' +
      'AuthorizationPolicy); in compose publish as `127.0.0.1:PORT:PORT`. Label InferenceServices `networking.kserve.io/visibility: cluster-local` ' +
      'unless they must be public.',
    references: [NIST_190('4.3.3'), 'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types', 'https://docs.docker.com/reference/compose-file/services/#ports', 'https://nvd.nist.gov/vuln/detail/CVE-2023-48022', ATLAS('AML.T0049')],
    tags: ['ml-platform', 'exposure', 'kubernetes', 'compose'],
  },
  parser: mlSitesParser,
  check(model, ctx) {
    for (const site of model.sites) {
      const services = site.analysis.services;
      if (!services.length) continue;
      for (const e of site.exposures) {
        if (!e.reportable || (e.level !== 'external' && e.level !== 'gateway' && e.level !== 'host')) continue;
        // Authentication is missing when the service has none, or an auth issue was found for it.
        const open = services.filter((s) => s.auth === 'none' || site.analysis.issues.some((i) => i.auth && i.service === s.id));
        const names = services.map((s) => s.name).join(', ');
        const severity = open.length ? (e.level === 'external' ? 'critical' : 'high') : 'medium';
        ctx.report({
          message: `${site.label}: ${names} is reachable via ${e.via}${open.length ? ' without authentication' : ' (authentication configured)'}`,
          location: { line: e.line },
          key: `${site.key}/${e.via}`,
          evidence: e.via,
          severity,
          properties: { ...site.properties, services: services.map((s) => s.id), exposure: e.level, ...(e.ports ? { ports: e.ports } : {}), authenticated: open.length === 0 },
        });
      }
    }
  },
};
export default rule;
