import { truthy } from '../../knowledge/ml-services/values.js';
import { NIST_190, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/jupyterhub-proxy-no-https',
  title: 'JupyterHub published by a LoadBalancer / NodePort without HTTPS',
  severity: 'high',
  description:
    'A Zero to JupyterHub values file sets `proxy.service.type` to LoadBalancer or NodePort while `proxy.https.enabled` is not true and the chart ' +
    'Ingress is off: the hub is published on plain HTTP. Passwords, OAuth codes, API tokens, session cookies and notebook contents (data, keys pasted into ' +
    'cells) cross the network in clear text.',
  remediation:
    'Enable `proxy.https` (type `letsencrypt`, `secret` or `manual`; `offload` when the cloud load balancer terminates TLS), or set ' +
    '`proxy.service.type: ClusterIP` and publish through an Ingress / Gateway with TLS.',
  references: ['https://z2jh.jupyter.org/en/stable/administrator/security.html#https', 'https://z2jh.jupyter.org/en/stable/administrator/advanced.html#ingress', NIST_190('4.3.3')],
  tags: ['ml-platform', 'jupyterhub', 'tls', 'exposure'],
}, [
  { service: 'jupyterhub', severity: 'high', test: proxyWithoutHttps },
]);

function proxyWithoutHttps(q: SettingQuery) {
  const type = q.get('proxyServiceType');
  if (!type || !/^(LoadBalancer|NodePort)$/.test(type.value.trim())) return undefined;
  if (truthy(q.get('proxyHttps')?.value ?? '') || truthy(q.get('chartIngress')?.value ?? '')) return undefined;
  return { at: type, message: `JupyterHub proxy Service is ${type.value.trim()} without proxy.https.enabled (and no chart Ingress): logins, tokens and notebook traffic cross the network in clear text` };
}
