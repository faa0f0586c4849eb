import { openAuthenticator, truthy } from '../../knowledge/ml-services/values.js';
import { ATLAS, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
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
}, [
  { service: 'jupyterhub', auth: true, test: allowAll },
]);

/** Identity providers where anyone can make an account. */
const PUBLIC_IDP = /^(?:github|google|gitlab|bitbucket|(?:oauthenticator\.(?:github|google|gitlab|bitbucket)\.)?(?:GitHub|Google|GitLab|Bitbucket)OAuthenticator)$/i;

function allowAll(q: SettingQuery) {
  const a = q.get('allowAll');
  if (!a || !truthy(a.value)) return undefined;
  const cls = q.get('authenticatorClass')?.value.trim() ?? '';
  if (openAuthenticator(cls)) return undefined; // reported as no authentication
  const pub = PUBLIC_IDP.test(cls);
  return { at: a, ...(pub ? { severity: 'high' as const } : {}), message: `JupyterHub ${a.where.kind === 'config' ? a.where.key : 'allow_all'} is true: every identity the authenticator accepts gets a server${pub ? ` — with ${cls} that is any account on a public identity provider` : ''}` };
}
