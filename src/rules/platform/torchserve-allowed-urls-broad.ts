import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/torchserve-allowed-urls-broad',
  title: "TorchServe allowed_urls matches any URL",
  severity: 'high',
  description:
    "`allowed_urls` decides where models may be downloaded from at registration. A pattern like `.*` or `https?://.*` allows any URL: server-side request forgery into the cluster and loading attacker-hosted models (CVE-2023-43654).",
  remediation: "List exact model-store URL prefixes in `allowed_urls` (e.g. `https://models.internal.example/.*`).",
  references: ['https://nvd.nist.gov/vuln/detail/CVE-2023-43654', 'https://pytorch.org/serve/configuration.html', ATLAS('AML.T0010')],
  tags: ["ml-platform", "torchserve", "ssrf"],
}, [
  { service: 'torchserve', setting: 'allowedUrls', when: (v) => /(^|,)\s*(?:\.\*|https?:\/\/\.\*|\(https\?\)\?:\/\/\.\*|file:\/\/\.\*)/.test(v) || v.includes('://.*'), message: (v) => `TorchServe allowed_urls '${v}' lets models be fetched from any URL (SSRF, CVE-2023-43654)` },
]);
