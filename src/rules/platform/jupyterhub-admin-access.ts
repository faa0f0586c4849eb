import { truthy } from '../../knowledge/ml-services/values.js';
import { serviceRule } from './support.js';

export default serviceRule({
  id: 'platform/jupyterhub-admin-access',
  title: "JupyterHub admins can access every user's server (admin_access)",
  severity: 'medium',
  description:
    "`JupyterHub.admin_access = True` (Helm `hub.config.JupyterHub.admin_access`, chart 0.x `auth.admin.access`) lets every hub admin open any user's " +
    'notebook server: run code as that user, read their files, tokens and cloud credentials. One compromised or careless admin account becomes every ' +
    'account. JupyterHub 2+ grants this per role with the `access:servers` scope instead.',
  remediation:
    'Set `admin_access` to false and grant `access:servers` only to a dedicated role (`load_roles`) for the people who need it; keep `admin_users` short.',
  references: ['https://jupyterhub.readthedocs.io/en/latest/reference/api/app.html#jupyterhub.app.JupyterHub.admin_access', 'https://jupyterhub.readthedocs.io/en/latest/rbac/index.html'],
  tags: ['ml-platform', 'jupyterhub'],
}, [
  { service: 'jupyterhub', setting: 'adminAccess', when: truthy, message: () => "JupyterHub admin_access is on: admins can open every user's server — its kernels, files, tokens and cloud credentials" },
]);
