import type { Rule } from '../../core/types.js';
import { k8sParser, type K8sModel } from '../../parsers/k8s/k8s.js';
import { ATLAS, NIST_190, containerKey, reportAt, where } from './support.js';
import { isPlaceholder } from '../../knowledge/placeholders.js';
import { isFloatingTag } from '../../knowledge/image-tags.js';

/** Tag of an image reference, or undefined when it has none (the registry port is not a tag). */
export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(colon + 1) : undefined;
}

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/image-not-pinned',
    title: 'Container image not pinned by digest',
    severity: 'low',
    description:
      'The image is referenced by a tag, not by `@sha256:` digest, so what runs can change under the same manifest — a re-pushed tag on a ' +
      'compromised or public registry ships new code to every GPU node (NIST SP 800-190 §4.1.5/§4.2; MITRE ATLAS AML.T0010 ML supply chain ' +
      'compromise). No tag, `:latest` or another channel tag (`:rolling`, `:stable`, `:nightly`) is reported as medium. A placeholder ' +
      'an operator or a templating step fills in (`FILLED BY THE OPERATOR`, `${IMAGE}`) is not judged.',
    remediation: 'Reference images as `registry/name:tag@sha256:<digest>` (Renovate / Dependabot can keep digests current).',
    references: [NIST_190('4.1.5'), 'https://kubernetes.io/docs/concepts/containers/images/#image-names', ATLAS('AML.T0010')],
    tags: ['kubernetes', 'supply-chain', 'image'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const c of model.containers) {
      // A placeholder (`FILLED BY THE OPERATOR`, `${IMAGE}`, `{{ .Values.image }}`) is not what runs.
      if (!c.image || c.image.includes('@sha256:') || isPlaceholder(c.image)) continue;
      const tag = imageTag(c.image);
      const floating = isFloatingTag(tag);
      reportAt(model, ctx, c.pod.obj, [...c.path, 'image'], {
        message: `${where(c)} uses image ${c.image}${floating ? ` (${tag === undefined ? 'no tag' : `floating tag '${tag}'`})` : ''} without a digest`,
        key: `${containerKey(c)}/image`, evidence: `image: ${c.image}`, severity: floating ? 'medium' : 'low',
      });
    }
  },
};
export default rule;
