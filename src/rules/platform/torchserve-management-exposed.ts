import { isAll } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/torchserve-management-exposed',
  title: "TorchServe management API bound to all interfaces",
  severity: 'high',
  description:
    "`management_address` on 0.0.0.0 publishes the management API (register/delete models) to the network. With model registration, that is code execution (ShellTorch: CVE-2023-43654 SSRF + unsafe model loading). Metrics on all interfaces is reported as low. Reported where the network is reachable.",
  remediation: "Bind `management_address` and `metrics_address` to 127.0.0.1 (or a private sidecar) and expose only the inference port.",
  references: ['https://pytorch.org/serve/configuration.html', 'https://nvd.nist.gov/vuln/detail/CVE-2023-43654', ATLAS('AML.T0049')],
  tags: ["ml-platform", "torchserve", "exposure"],
}, [
  { service: 'torchserve', setting: 'managementAddress', when: isAll, bind: true, severity: 'high', message: (v) => `TorchServe management API binds ${v}: models can be registered and deleted from the network (ShellTorch)` },
  { service: 'torchserve', setting: 'metricsAddress', when: isAll, bind: true, severity: 'low', message: (v) => `TorchServe metrics API binds ${v}` },
]);
