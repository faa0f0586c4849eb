import type { Rule } from '../../core/types.js';
import { getAt, isObj, k8sParser, str, type K8sModel, type Path, type PodRef } from '../../parsers/k8s/k8s.js';
import { NIST_190, PSS_BASELINE, containerKey, containerSec, isNvidiaComponent, reportAt, where } from './support.js';

/** Pod Security Standards baseline: the AppArmor profile types that may be set (`appArmorProfile.type`, Kubernetes >= 1.30). */
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** The legacy annotation's allowed values: `runtime/default` or `localhost/<profile>`. */
const annotationAllowed = (v: string) => v === 'runtime/default' || v.startsWith('localhost/');

/** Path of the metadata that becomes the pod's: the template's (sibling of its `spec`), else the template itself (Argo). */
function podMetadataPath(pod: PodRef): Path {
  return pod.specPath[pod.specPath.length - 1] === 'spec' ? [...pod.specPath.slice(0, -1), 'metadata'] : [...pod.specPath, 'metadata'];
}

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/apparmor-unconfined',
    title: 'AppArmor profile overridden to unconfined',
    severity: 'medium',
    description:
      'Pod Security Standards baseline (AppArmor): the runtime\'s default AppArmor profile may only be replaced by `RuntimeDefault` or a ' +
      '`Localhost` profile. `securityContext.appArmorProfile.type: Unconfined` (pod or container) or the legacy annotation ' +
      '`container.apparmor.security.beta.kubernetes.io/<container>: unconfined` removes the mandatory-access-control layer that confines a ' +
      'compromised container on AppArmor nodes (Ubuntu, Debian, COS). Recognised NVIDIA GPU Operator components are not reported.',
    remediation: 'Remove the override, or set `securityContext.appArmorProfile.type: RuntimeDefault` (or a `Localhost` profile loaded on the nodes).',
    references: [PSS_BASELINE, NIST_190('4.4.3'), 'https://kubernetes.io/docs/tutorials/security/apparmor/'],
    tags: ['kubernetes', 'pss-baseline', 'apparmor'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const pod of model.pods) {
      if (isNvidiaComponent(pod)) continue;
      const psc = pod.field('securityContext');
      const podType = str(getAt(psc?.value, ['appArmorProfile', 'type']));
      if (psc && podType && !ALLOWED_TYPES.has(podType)) {
        reportAt(model, ctx, pod.obj, [...psc.path, 'appArmorProfile', 'type'], { message: `${where(pod)} sets AppArmor profile ${podType} for all its containers`, key: `${pod.role}/apparmor`, evidence: `appArmorProfile.type: ${podType}` });
      }
      for (const c of pod.containers) {
        const p = containerSec(c, 'appArmorProfile');
        const type = str(getAt(p?.value, ['type']));
        if (p && type && !ALLOWED_TYPES.has(type)) reportAt(model, ctx, pod.obj, [...p.path, 'type'], { message: `${where(c)} sets AppArmor profile ${type}`, key: `${containerKey(c)}/apparmor`, evidence: `appArmorProfile.type: ${type}` });
      }
      const metaPath = podMetadataPath(pod);
      const annotations = getAt(pod.obj.doc.value, [...metaPath, 'annotations']);
      if (!isObj(annotations)) continue;
      for (const [k, v] of Object.entries(annotations)) {
        const value = str(v);
        if (!k.startsWith(ANNOTATION_PREFIX) || !value || annotationAllowed(value)) continue;
        const name = k.slice(ANNOTATION_PREFIX.length);
        reportAt(model, ctx, pod.obj, [...metaPath, 'annotations', k], { message: `${where(pod)} container '${name}' runs with AppArmor profile ${value} (annotation)`, key: `${pod.role}/apparmor-annotation/${name}`, evidence: `${k}: ${value}` });
      }
    }
  },
};
export default rule;
