import { enabled } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/jupyter-xsrf-disabled',
  title: "Jupyter XSRF protection disabled",
  severity: 'high',
  description:
    "`disable_check_xsrf = True` turns off the XSRF check on POST requests: a cross-site request (the public jupyter-notebook-rce exploit template forges exactly this) can create terminals and run code as the notebook user.",
  remediation: "Remove `disable_check_xsrf`; API clients should send the token in the Authorization header instead.",
  references: ['https://jupyter-server.readthedocs.io/en/latest/operators/security.html', ATLAS('AML.T0049')],
  tags: ["ml-platform", "jupyter", "xsrf"],
}, [
  { service: 'jupyter', setting: 'disableCheckXsrf', when: enabled, message: () => 'Jupyter XSRF checks are disabled (disable_check_xsrf): cross-site requests can open terminals' },
]);
