import { checkRule, type CheckVerdicts } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/unauthenticated-ray-grpc',
  title: 'Ray client server or GCS answers gRPC without authentication',
  severity: 'critical',
  description:
    "A Ray gRPC port answered a read-only call (GCS: NodeInfoGcsService/GetClusterId; client server: RayletDriver/ClusterInfo PING) with a valid reply and no credentials. Both are remote code execution by design: the Ray client server (default port 10001) runs whatever Python a `ray.init(\"ray://host:10001\")` caller sends, and the GCS (default 6379) is the cluster's control plane, whose internal KV store, job, actor and node tables drive what every worker runs. Ray had no authentication on these ports before token authentication (RAY_AUTH_MODE=token, Ray 2.52); the ShadowRay campaign (CVE-2023-48022, disputed by the vendor as 'by design') took over exposed Ray clusters through the same missing authentication on the dashboard's Jobs API. mlwarden proves the exposure with the one read-only call shown and never opens a session or submits anything.",
  remediation:
    "Never expose the GCS or client-server ports beyond the cluster: bind Ray to a private interface, and allow 6379/10001 only from the cluster's own nodes and trusted clients (security group, firewall, Kubernetes NetworkPolicy). On Ray 2.52 or later also enable token authentication (RAY_AUTH_MODE=token with RAY_AUTH_TOKEN or a token file on every node and client), and use RAY_USE_TLS for the gRPC channels when traffic leaves a trusted network. Prefer the Jobs API behind an authenticating proxy over exposing the Ray client.",
  references: [
    'https://docs.ray.io/en/latest/ray-security/index.html',
    'https://docs.ray.io/en/master/ray-core/internals/token-authentication.html',
    'https://nvd.nist.gov/vuln/detail/CVE-2023-48022',
    'https://atlas.mitre.org/techniques/AML.T0049',
    'https://attack.mitre.org/techniques/T1190/',
    'https://cwe.mitre.org/data/definitions/306.html',
  ],
  tags: ['endpoint', 'authentication', 'network', 'ray', 'grpc'],
};

// Each row: a gRPC fingerprint whose read-only call was answered without a token.
export const VERDICTS: CheckVerdicts = {
  'ray-gcs:ray-gcs-open': {
    severity: 'critical',
    message: 'Ray GCS (cluster control plane) answers gRPC without authentication: anyone who reaches this port can read and write the internal KV store, register jobs and actors and join nodes, which runs arbitrary code on the cluster (ShadowRay class, CVE-2023-48022)',
  },
  'ray-client:ray-client-open': {
    severity: 'critical',
    message: 'Ray client server answers gRPC without authentication: anyone who reaches this port can connect with ray.init("ray://...") and run arbitrary Python on the cluster (ShadowRay class, CVE-2023-48022)',
  },
};

export default checkRule(meta, VERDICTS);
