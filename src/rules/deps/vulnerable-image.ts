import { imageRefsParser, type ImageRefsModel } from '../../parsers/deps/image-refs.js';
import type { Rule } from '../../core/types.js';
import { databaseFor, summarize } from './advisory-finding.js';
import { IMAGE_PACKAGES, tagVersion } from './image-packages.js';

// An image tag pins the version of the ML server it runs: `ollama/ollama:0.1.33` is Ollama 0.1.33
// (Probllama, CVE-2024-37032), `rayproject/ray:2.8.0` is Ray 2.8.0. Kubernetes manifests, compose
// files, Helm values and Dockerfile FROM lines are where those versions are decided.
const rule: Rule<ImageRefsModel> = {
  meta: {
    id: 'deps/vulnerable-image',
    title: 'ML server image tag with known vulnerabilities',
    severity: 'high',
    description:
      'A container image reference (Kubernetes manifest, compose file, Helm values, Dockerfile `FROM`) names a version of an ML ' +
      'platform component — MLflow, Ray, Ollama, TorchServe, vLLM, Triton Inference Server, the NVIDIA container toolkit or GPU ' +
      'operator — that published advisories list as affected. The version is read from the tag (`rayproject/ray:2.8.0-py310` → 2.8.0); ' +
      'floating tags such as `latest` are not matched.',
    remediation:
      'Move the reference to a tag at or above the fixed version named in the finding (and pin it by digest), redeploy, and check ' +
      'the advisory for exposure while the old version ran (ShadowRay and Probllama were exploited against internet-reachable servers).',
    references: [
      'https://csrc.nist.gov/pubs/sp/800/190/final',
      'https://osv.dev/',
      'https://www.nvidia.com/en-us/security/',
      'https://atlas.mitre.org/techniques/AML.T0049',
    ],
    tags: ['deps', 'cve', 'container', 'image'],
  },
  parser: imageRefsParser,
  check(model, ctx) {
    if (!model.refs.length) return;
    const db = databaseFor(ctx);
    for (const ref of model.refs) {
      const pkg = IMAGE_PACKAGES[`${ref.registry}/${ref.repository}`];
      if (!pkg) continue;
      const version = tagVersion(ref.tag, pkg);
      if (!version) continue;
      const matches = db.match(pkg.ecosystem, pkg.name, version);
      if (!matches.length) continue;
      // Container images are Linux.
      const s = summarize(db, pkg.ecosystem, pkg.name, version, matches, 'linux');
      ctx.report({
        message: `image ${ref.ref}: ${s.text}`,
        severity: s.severity,
        location: { line: ref.line, ...(ref.column ? { column: ref.column } : {}) },
        evidence: ref.ref,
        key: `${ref.registry}/${ref.repository}:${ref.tag ?? ''}`,
        properties: { ...s.properties, image: ref.ref },
      });
    }
  },
};
export default rule;
