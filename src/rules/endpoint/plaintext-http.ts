import { observationRule } from './support.js';

export default observationRule(
  {
    id: 'endpoint/plaintext-http',
    title: "ML service is served over plain HTTP",
    severity: 'low',
    description:
      "The service on a non-loopback address speaks plain HTTP, so tokens, prompts, model outputs and uploaded artifacts cross the network unencrypted and can be read or altered in transit. Loopback addresses are not reported.",
    remediation:
      "Terminate TLS at the service or at a reverse proxy / ingress in front of it, and redirect or close the plain HTTP port.",
    references: ["https://cwe.mitre.org/data/definitions/319.html", "https://csrc.nist.gov/pubs/sp/800/190/final"],
    tags: ["endpoint", "tls"],
  },
  'plaintext',
);
