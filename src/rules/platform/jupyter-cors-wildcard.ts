import { ATLAS, issueRule } from './support.js';

export default issueRule({
  id: 'platform/jupyter-cors-wildcard',
  title: "Jupyter accepts any origin (allow_origin *)",
  severity: 'high',
  description:
    "`allow_origin = '*'` (or an `allow_origin_pat` matching everything) lets any web page a notebook user visits send authenticated requests to the server from their browser \u2014 opening terminals and running code.",
  remediation: "Remove `allow_origin`, or list the exact origins that embed the server.",
  references: ['https://jupyter-server.readthedocs.io/en/latest/operators/security.html', ATLAS('AML.T0049')],
  tags: ["ml-platform", "jupyter", "cors"],
});
