import { empty, isAll } from '../../knowledge/ml-services/values.js';
import { NIST_190, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/jupyter-all-interfaces',
  title: 'Jupyter server listens on all interfaces',
  severity: 'low',
  description:
    "`--ip=0.0.0.0` / `--ip='*'` / `ServerApp.ip` (`NotebookApp.ip`) set to all interfaces makes the Jupyter server — a remote shell by design — " +
    'accept connections from every network the host is on, leaving its token or password as the only barrier (leaked token URLs in logs and ' +
    'browser history, brute force of weak passwords, pre-auth CVEs). Low: inside a container 0.0.0.0 is what makes the port reachable at all, ' +
    'and there the Service / published port decides who can connect, so it is reported only where that network is reachable (published ports, ' +
    'host network, config files and images whose deployment is unknown) and not for pods only on the cluster network. With an empty token the ' +
    'problem is reported once, by platform/jupyter-no-auth.',
  remediation:
    'Outside containers keep the default (localhost) and use SSH port forwarding or JupyterHub; in containers keep the token/password on, publish ' +
    'the port on 127.0.0.1 only (`127.0.0.1:8888:8888`) or behind an authenticating proxy.',
  references: ['https://jupyter-server.readthedocs.io/en/latest/operators/public-server.html', 'https://jupyter-server.readthedocs.io/en/latest/other/full-config.html', NIST_190('4.3.3')],
  tags: ['ml-platform', 'jupyter', 'exposure'],
}, [
  { service: 'jupyter', bind: true, test: listensEverywhere },
]);

function listensEverywhere(q: SettingQuery) {
  const ip = q.get('ip');
  // jupyter_server / notebook turn '*' into '' and bind '' on every interface: an explicitly empty ip is all interfaces too.
  if (!ip || !(isAll(ip.value) || empty(ip.value))) return undefined;
  // An empty token with no password is reported (with exposure) by platform/jupyter-no-auth: one finding, not two.
  const token = q.get('token');
  if (token && empty(token.value) && !q.get('password')?.value.trim() && !q.get('hashedPassword')?.value.trim()) return undefined;
  return { at: ip, message: `Jupyter listens on ${empty(ip.value) ? "'' (empty: every interface)" : `'${ip.value.trim()}'`} (all interfaces): the token (or password) is then the only barrier between the network and a shell; brute force, a leaked token URL or a pre-auth CVE gives code execution` };
}
