import { NIST_190, issueRule } from './support.js';

export default issueRule({
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
});
