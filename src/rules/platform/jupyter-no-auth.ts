import { empty, openAuthenticator } from '../../knowledge/ml-services/values.js';
import { ATLAS, NIST_190, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/jupyter-no-auth',
  title: "Jupyter / JupyterHub without authentication",
  severity: 'high',
  description:
    "The notebook server's token is set to the empty string (`--ServerApp.token=''`, `c.NotebookApp.token = ''`) or JupyterHub uses the DummyAuthenticator (`authenticator_class = 'dummy'`, in jupyterhub_config.py or a Zero to JupyterHub values file's `hub.config`, or chart 0.x `auth.type: dummy`) or tmpauthenticator. (NullAuthenticator disables login and is not reported; a DummyAuthenticator with a password is reported by platform/jupyterhub-shared-password.) Anyone who reaches the port gets a terminal and kernels in the container \u2014 with its GPUs, mounted datasets and cloud credentials. Internet-facing unauthenticated Jupyter is routinely mass-exploited for cryptomining. Reachable from outside the cluster (LoadBalancer/NodePort/Ingress/published port) is critical; in-cluster only is medium.",
  remediation: "Keep token authentication (a random token or a hashed password), or put the server behind JupyterHub / an authenticating proxy (oauth2-proxy); never set token to ''. In JupyterHub use a real authenticator (OAuth, LDAP).",
  references: ['https://jupyter-server.readthedocs.io/en/latest/operators/security.html', 'https://jupyterhub.readthedocs.io/en/latest/reference/authenticators.html#the-dummy-authenticator', NIST_190('4.3.2'), ATLAS('AML.T0049')],
  tags: ["ml-platform", "jupyter", "authentication"],
}, [
  { service: 'jupyter', setting: 'token', when: empty, auth: true, message: () => 'Jupyter token is set to the empty string: no authentication (unless a password is set)' },
  { service: 'jupyterhub', auth: true, test: openHubAuthenticator },
]);

/** DummyAuthenticator or tmpauthenticator: anyone logs in (a DummyAuthenticator with a password is platform/jupyterhub-shared-password). */
function openHubAuthenticator(q: SettingQuery) {
  const a = q.get('authenticatorClass');
  if (!a || !openAuthenticator(a.value)) return undefined;
  if (/tmp/i.test(a.value)) return { at: a, message: `JupyterHub uses tmpauthenticator ('${a.value.trim()}'): every visitor gets an account and a server without logging in` };
  if (q.get('sharedPassword')?.value.trim()) return undefined;
  return { at: a, message: `JupyterHub uses the DummyAuthenticator ('${a.value.trim()}'): any user name and any password log in` };
}
