import { star } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/jupyter-cors-wildcard',
  title: "Jupyter accepts any origin (allow_origin *)",
  severity: 'high',
  description:
    "`allow_origin = '*'` (or an `allow_origin_pat` matching everything) lets any web page a notebook user visits send authenticated requests to the server from their browser \u2014 opening terminals and running code.",
  remediation: "Remove `allow_origin`, or list the exact origins that embed the server.",
  references: ['https://jupyter-server.readthedocs.io/en/latest/operators/security.html', ATLAS('AML.T0049')],
  tags: ["ml-platform", "jupyter", "cors"],
}, [
  { service: 'jupyter', setting: 'allowOrigin', when: star, message: (v) => `Jupyter allow_origin is '${v}': any web page can drive the server from a user's browser` },
  { service: 'jupyter', setting: 'allowOriginPat', when: (v) => v === '.*' || v === '.+' || v === '*', message: (v) => `Jupyter allow_origin_pat is '${v}': any origin is accepted` },
]);
