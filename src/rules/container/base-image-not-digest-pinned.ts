import type { Rule } from '../../core/types.js';
import { dockerfileParser, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { isExternalBase, parseImageRef } from './image-ref.js';
import { DOCKERFILE_REF, evidenceAt, NIST_800_190 } from './support.js';

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/base-image-not-digest-pinned',
    title: 'Base image is pinned by tag but not by digest',
    severity: 'low',
    description:
      'Tags are mutable: `pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime` can be re-pushed by the publisher or by anyone who gains push access, ' +
      'and the next build takes the new content without any change in the Dockerfile. A digest (`@sha256:...`) names exactly one image. ' +
      '(`latest` and untagged bases are reported by container/base-image-latest instead.) NIST SP 800-190 §4.1.5 and §4.2.2.',
    remediation: 'Append the digest of the image you tested: `FROM pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime@sha256:<digest>` (see `docker buildx imagetools inspect`).',
    references: [NIST_800_190, `${DOCKERFILE_REF}#from`, 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions'],
    tags: ['dockerfile', 'supply-chain', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    for (const stage of model.stages) {
      if (!isExternalBase(stage)) continue;
      const ref = parseImageRef(stage.imageResolved);
      if (ref.digest || ref.tag === undefined || ref.tag.toLowerCase() === 'latest') continue;
      ctx.report({
        message: `Base image ${stage.imageResolved} is not pinned by digest`,
        location: { line: stage.from.line },
        evidence: evidenceAt(model, stage.from.line),
        key: `from:${stage.imageResolved}`,
      });
    }
  },
};
export default rule;
