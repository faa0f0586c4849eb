import type { Rule } from '../../core/types.js';
import { k8sParser, str, type K8sModel } from '../../parsers/k8s/k8s.js';
import { ATLAS, NIST_190, NOTEBOOK_AND_TRAINING_KINDS, reportAt, where } from './support.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/sa-token-automount',
    title: 'Service-account token mounted into a notebook or training pod',
    severity: 'medium',
    description:
      'Notebook servers, Ray clusters and training jobs run user-supplied code (cells, job entrypoints, `trust_remote_code` models). With the ' +
      'service-account token auto-mounted, that code talks to the Kubernetes API with the pod\'s identity — often a broad `default-editor` or ' +
      'pipeline-runner role in Kubeflow — and can create pods or read secrets in the namespace (NIST SP 800-190 §4.3.1).',
    remediation:
      'Set `automountServiceAccountToken: false` on the pod template (or on its ServiceAccount) and mount a projected, audience-bound token only ' +
      'where the workload really calls the API.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
      NIST_190('4.3.1'), ATLAS('AML.T0012'),
    ],
    tags: ['kubernetes', 'service-account', 'notebook', 'training'],
  },
  parser: k8sParser,
  check(model, ctx) {
    const accounts = model.ofKind('ServiceAccount');
    for (const pod of model.pods) {
      if (!NOTEBOOK_AND_TRAINING_KINDS.has(pod.obj.kind)) continue;
      const f = pod.field('automountServiceAccountToken');
      if (f && (f.value === false || f.value === 'false')) continue;
      const saName = str(pod.field('serviceAccountName')?.value) ?? 'default';
      const sa = accounts.find((a) => a.name === saName && (a.namespace ?? 'default') === (pod.obj.namespace ?? 'default'));
      if (!f && sa && (sa.value.automountServiceAccountToken === false || sa.value.automountServiceAccountToken === 'false')) continue;
      reportAt(model, ctx, pod.obj, f ? f.path : pod.specPath, {
        message: `${where(pod)} mounts the token of service account '${saName}' into a pod that runs user code`,
        key: `${pod.role}/automount`, ...(f ? { evidence: 'automountServiceAccountToken: true' } : {}),
      });
    }
  },
};
export default rule;
