import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { ATLAS, NIST_190, containerKey, reportAt, where } from './support.js';
import { envEntries } from './env.js';
import { looksLikeSecretName, looksLikeLiteralSecret } from '../../knowledge/credential-names.js';

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/secret-in-env',
    title: 'Secret as a literal environment value',
    severity: 'high',
    description:
      'An environment variable named like a credential (`HF_TOKEN`, `WANDB_API_KEY`, `OPENAI_API_KEY`, `AWS_SECRET_ACCESS_KEY`, ' +
      '`*_PASSWORD`) has its value written into the manifest. It is then in Git, in every rendered chart, readable by anyone who can ' +
      '`get` the workload, and in the pod spec of every replica (NIST SP 800-190 §4.1.4, clear-text secrets). A leaked Hugging Face token ' +
      'with write scope lets an attacker replace the models the cluster pulls (MITRE ATLAS AML.T0010).',
    remediation: 'Store the value in a Secret (or an external secret store) and reference it with `valueFrom.secretKeyRef`; rotate the exposed credential.',
    references: [NIST_190('4.1.4'), 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables', ATLAS('AML.T0010')],
    tags: ['kubernetes', 'secrets'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const c of model.containers) {
      for (const e of envEntries(c)) {
        if (e.value === undefined || !looksLikeSecretName(e.name) || !looksLikeLiteralSecret(e.value)) continue;
        reportAt(model, ctx, c.pod.obj, e.valuePath, {
          message: `${where(c)} sets ${e.name} to a literal value`, key: `${containerKey(c)}/${e.name}`,
          evidence: `${e.name}=${e.value}`, secret: e.value,
        });
      }
    }
  },
};
export default rule;
