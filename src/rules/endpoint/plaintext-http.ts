import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/plaintext-http',
  title: "ML service is served over plain HTTP",
  severity: 'low',
  description:
    "The service on a non-loopback address speaks plain HTTP, so tokens, prompts, model outputs and uploaded artifacts cross the network unencrypted and can be read or altered in transit. Loopback addresses are not reported.",
  remediation:
    "Terminate TLS at the service or at a reverse proxy / ingress in front of it, and redirect or close the plain HTTP port.",
  references: ["https://cwe.mitre.org/data/definitions/319.html", "https://csrc.nist.gov/pubs/sp/800/190/final"],
  tags: ["endpoint", "tls"],
};

// Low when the service is open anyway (what crosses is prompts and outputs); medium when it demands
// credentials, because then the credentials themselves cross in clear text.
const judge: Judge<'plaintext'> = (o, facts, service) => {
  if (o.over === 'h2c') {
    const required = service?.auth === 'required';
    return {
      severity: required ? 'medium' : 'low',
      message: `${service?.name} speaks gRPC over plain HTTP/2${required ? ': its authentication token crosses the network in clear text' : ': cluster traffic crosses the network in clear text'} (Ray TLS: RAY_USE_TLS=1)`,
    };
  }
  const required = facts.services.some((s) => s.auth === 'required');
  return {
    severity: required ? 'medium' : 'low',
    message: `${facts.services.map((s) => s.name).join(', ')} is served over plain HTTP${required ? ': its credentials and tokens cross the network in clear text' : ': requests, prompts and model outputs cross the network in clear text'}`,
  };
};

export default observationRule(meta, 'plaintext', judge);
