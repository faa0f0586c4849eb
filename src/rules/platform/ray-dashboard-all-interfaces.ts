import { isAll } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/ray-dashboard-all-interfaces',
  title: "Ray dashboard listens on all interfaces of a reachable network",
  severity: 'high',
  description:
    "`--dashboard-host=0.0.0.0` makes the Ray dashboard and its Jobs API listen on every interface. The Jobs API runs arbitrary code on the cluster by design and has no authentication unless token auth is on (ShadowRay, CVE-2023-48022, actively exploited). Reported where the network is reachable (published ports, host network, cluster launcher VMs); inside a pod network the exposure rule judges the Service instead.",
  remediation: "Bind the dashboard to 127.0.0.1 and use `ray dashboard` port-forwarding, or enable token authentication (RAY_AUTH_MODE=token) and keep it behind an authenticating proxy.",
  references: ['https://docs.ray.io/en/latest/ray-security/index.html', 'https://nvd.nist.gov/vuln/detail/CVE-2023-48022', ATLAS('AML.T0049')],
  tags: ["ml-platform", "ray", "exposure"],
}, [
  { service: 'ray', setting: 'dashboardHost', when: isAll, bind: true, auth: true, message: (v) => `Ray dashboard (and its Jobs API) listens on ${v}: submitting a job there runs code on the cluster` },
]);
