import { observationRule, type Judge } from './support.js';
import type { RuleMeta } from '../../core/types.js';

const meta: RuleMeta = {
  id: 'endpoint/cors-credentials-wildcard',
  title: "CORS allows any origin with credentials",
  severity: 'high',
  description:
    "The service answered a request carrying a foreign Origin with `Access-Control-Allow-Credentials: true` and an Allow-Origin that reflects the caller (or `*`). Any web page a logged-in user visits can then call the API with the user's cookies \u2014 a drive-by path to notebooks and ML dashboards on internal networks.",
  remediation:
    "Allow only the exact origins that need cross-site access, never reflect the request's Origin, and do not combine credentials with wildcard origins.",
  references: ["https://cwe.mitre.org/data/definitions/942.html", "https://owasp.org/www-community/attacks/CORS_OriginHeaderScrutiny"],
  tags: ["endpoint", "cors", "browser"],
};

// A reflected Origin is worse than `*`: browsers refuse credentialed requests to a wildcard, but a
// reflected origin with credentials lets any page act as the logged-in user.
const judge: Judge<'cors'> = (o, _facts, service) =>
  o.allowOrigin === '*'
    ? { severity: 'medium', message: `${service?.name} answers any origin with Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true` }
    : { severity: 'high', message: `${service?.name} reflects any Origin in Access-Control-Allow-Origin with Access-Control-Allow-Credentials: true: any web page a user visits can call this API with the user's cookies` };

export default observationRule(meta, 'cors', judge);
