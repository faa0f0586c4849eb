import { truthy } from '../../knowledge/ml-services/values.js';
import { ATLAS, NIST_190, serviceRule, type SettingQuery } from './support.js';

export default serviceRule({
  id: 'platform/kfp-single-user',
  title: 'Kubeflow Pipelines API server in single-user mode (no user identity)',
  severity: 'high',
  description:
    'The Kubeflow Pipelines API server (`ml-pipeline`, image `ghcr.io/kubeflow/kfp-api-server` / `gcr.io/ml-pipeline/api-server`) runs without ' +
    '`MULTIUSER=true`: standalone KFP has no authentication or authorization at all, so every client that reaches port 8888/8887 uploads ' +
    'pipelines and creates runs — arbitrary container images executed in the cluster with the pipeline runner service account and its ' +
    'cloud credentials — and reads every run\'s artifacts. Severity follows exposure: a LoadBalancer / NodePort / Ingress in front of ' +
    '`ml-pipeline` or `ml-pipeline-ui` (which proxies the API) is critical; ClusterIP only is medium (any pod in the cluster can still submit ' +
    'runs). Multi-user mode is recognised from MULTIUSER=true (env or the envFrom ConfigMap of the multi-user overlay) or the overlay\'s ' +
    'KUBEFLOW_USERID_HEADER; note that even then the API server trusts that header from whoever sends it, so it must only be reachable through ' +
    'the Istio gateway with oauth2-proxy/dex (platform/ml-api-exposed reports direct exposure).',
  remediation:
    'Keep `ml-pipeline` and `ml-pipeline-ui` on ClusterIP and reach them with `kubectl port-forward`; for shared use deploy the multi-user ' +
    'Kubeflow installation (MULTIUSER=true behind Istio + oauth2-proxy/dex with AuthorizationPolicies) or an authenticating proxy, and add a ' +
    'NetworkPolicy that admits only the gateway.',
  references: [
    'https://www.kubeflow.org/docs/components/pipelines/operator-guides/multi-user/',
    'https://www.kubeflow.org/docs/components/pipelines/operator-guides/installation/',
    'https://github.com/kubeflow/pipelines/tree/master/manifests/kustomize/base/installs/multi-user',
    NIST_190('4.3.2'),
    ATLAS('AML.T0049'),
  ],
  tags: ['ml-platform', 'kubeflow', 'authentication'],
}, [
  { service: 'kfp-api-server', auth: true, test: singleUser },
]);

function singleUser(q: SettingQuery) {
  const multi = q.get('multiUser');
  if (multi && truthy(multi.value)) return undefined;
  // The multi-user overlay sets MULTIUSER through an envFrom ConfigMap and the identity header literally:
  // a header without a visible MULTIUSER is an overlay whose ConfigMap is not in this stream.
  if (!multi && q.get('userIdHeader')) return undefined;
  return {
    ...(multi ? { at: multi } : {}),
    message: `Kubeflow Pipelines API server runs in single-user mode (${multi ? `MULTIUSER=${multi.value.trim()}` : 'MULTIUSER unset'}): it has no notion of users, so every client that reaches it uploads pipelines and creates runs — arbitrary containers in the cluster with the pipeline runner's service account — and reads every artifact`,
  };
}
