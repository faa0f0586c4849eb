import { ATLAS, issueRule } from './support.js';

export default issueRule({
  id: 'platform/jupyterhub-allow-all',
  title: 'JupyterHub lets every authenticated identity in (allow_all)',
  severity: 'medium',
  description:
    '`Authenticator.allow_all = True` (JupyterHub 5; also per authenticator, e.g. `GitHubOAuthenticator.allow_all`) admits everyone the identity provider ' +
    'authenticates. With GitHub, Google, GitLab or Bitbucket OAuth that is anyone on the internet with an account: they get a server with the cluster\'s GPUs ' +
    '(cryptomining, cost harvesting) and network position. With a private identity provider it admits every account there. Severity follows exposure; ' +
    'read the message for the authenticator class.',
  remediation:
    'Restrict who gets in: `allowed_users`, `allowed_organizations` / `allowed_groups` / `allowed_domains` of the OAuthenticator, or admission by ' +
    'the identity provider itself; keep `allow_all` only where the identity provider already limits sign-in to the intended users.',
  references: [
    'https://jupyterhub.readthedocs.io/en/latest/reference/api/auth.html',
    'https://oauthenticator.readthedocs.io/en/latest/tutorials/general-setup.html',
    'https://z2jh.jupyter.org/en/stable/administrator/authentication.html',
    ATLAS('AML.T0034'),
  ],
  tags: ['ml-platform', 'jupyterhub', 'authentication'],
});
