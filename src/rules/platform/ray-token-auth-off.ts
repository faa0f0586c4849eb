import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/ray-token-auth-off',
  title: "Ray cluster without token authentication",
  severity: 'high',
  description:
    "The Ray head runs without `RAY_AUTH_MODE=token`. Ray's dashboard, Jobs API and client port accept anyone who can reach them, and submitting a job is remote code execution on every node (ShadowRay, CVE-2023-48022). Token authentication exists from Ray 2.52 but is off unless enabled. Exposed outside the cluster: critical; in-cluster only: medium.",
  remediation: "Set `RAY_AUTH_MODE=token` with `RAY_AUTH_TOKEN` from a Secret on all Ray nodes (Ray >= 2.52), keep the head Service ClusterIP, and add a NetworkPolicy for ports 8265/10001/6379.",
  references: ['https://docs.ray.io/en/latest/ray-security/token-auth.html', 'https://nvd.nist.gov/vuln/detail/CVE-2023-48022', ATLAS('AML.T0049')],
  tags: ["ml-platform", "ray", "authentication"],
}, [
  { service: 'ray', missing: 'authMode', onlyHead: true, auth: true, message: 'Ray head node runs without token authentication (RAY_AUTH_MODE=token unset): dashboard, Jobs API and client port accept anyone' },
  { service: 'ray', setting: 'authMode', when: (v) => v.trim().toLowerCase() !== 'token', auth: true, message: (v) => `Ray RAY_AUTH_MODE is '${v}': token authentication is off` },
]);
