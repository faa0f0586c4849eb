import { ATLAS, NIST_190, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/jupyterhub-shared-password',
  title: 'JupyterHub protected by one shared password',
  severity: 'high',
  description:
    '`DummyAuthenticator.password` (deprecated in JupyterHub 5.3) or `SharedPasswordAuthenticator.user_password` makes one password the only credential: ' +
    'any user name logs in with it, so every user (and anyone the password leaks to) can pick any identity — including an admin name from `admin_users` — ' +
    'and get a server with its kernels, GPUs and mounted data. The password is also written in clear text in `jupyterhub_config.py` or the Helm values ' +
    '(`hub.config.DummyAuthenticator.password`, chart 0.x `auth.dummy.password`). Severity follows exposure of the hub: the chart\'s proxy Service ' +
    '(LoadBalancer by default) makes it critical.',
  remediation:
    'Use a real authenticator (OAuthenticator against your identity provider, LDAP) with `allowed_users` / `allowed_groups`; if a shared password is ' +
    'unavoidable for a workshop, use SharedPasswordAuthenticator with the password from a Kubernetes Secret (`hub.existingSecret` / `extraEnv` valueFrom), ' +
    'keep it on a ClusterIP Service and tear it down afterwards.',
  references: [
    'https://jupyterhub.readthedocs.io/en/latest/reference/authenticators.html#the-dummy-authenticator',
    'https://z2jh.jupyter.org/en/stable/administrator/authentication.html',
    NIST_190('4.1.4'),
    ATLAS('AML.T0049'),
  ],
  tags: ['ml-platform', 'jupyterhub', 'authentication', 'secret'],
}, [
  { service: 'jupyterhub', auth: true, secret: true, test: sharedPassword },
]);

function sharedPassword(q: SettingQuery) {
  const p = q.get('sharedPassword');
  if (!p || !p.value.trim()) return undefined;
  return { at: p, message: `JupyterHub ${p.where.kind === 'config' ? p.where.key : 'authenticator password'} is one password shared by every user: any user name logs in with it, and it sits in the configuration in clear text` };
}
