import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/untrusted-tls-certificate',
  title: "TLS certificate is self-signed or untrusted",
  severity: 'low',
  description:
    "The service presented a certificate that does not verify (self-signed, unknown issuer, expired or wrong name). mlwarden still probes it, but real clients must turn verification off to connect, which removes protection against interception for every one of them.",
  remediation:
    "Issue the certificate from a CA the clients trust (an internal CA, cert-manager, or a public CA) and keep it renewed.",
  references: ["https://cwe.mitre.org/data/definitions/295.html", "https://csrc.nist.gov/pubs/sp/800/190/final"],
  tags: ["endpoint", "tls"],
};

const judge: Judge<'tls'> = ({ extra: { tls } }) => ({
  message: `TLS certificate is not trusted (${tls.error ?? 'unknown reason'})${tls.selfSigned ? ': it is self-signed' : ''}; clients must disable verification to connect, which invites interception`,
});

export default observationRule(meta, 'tls', judge);
