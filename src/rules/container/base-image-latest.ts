import type { Rule } from '../../core/types.js';
import { isFloatingTag } from '../../knowledge/image-tags.js';
import { dockerfileParser, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { isExternalBase, parseImageRef } from './image-ref.js';
import { DOCKERFILE_REF, evidenceAt, NIST_800_190 } from './support.js';

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/base-image-latest',
    title: 'Base image uses `latest`, another floating tag, or no tag',
    severity: 'medium',
    description:
      '`FROM pytorch/pytorch`, `FROM ...:latest` or a channel tag such as `ubuntu:rolling` or `:nightly` builds on whatever the registry serves today: a rebuild silently picks up a new CUDA, ' +
      'framework or OS release, or a compromised image pushed under the same name, and nobody can say which image a running container came ' +
      'from. NIST SP 800-190 §4.1.5 (use of untrusted images) and §4.2.2 (stale images) ask for images identified by immutable names.',
    remediation:
      'Pin the base to an explicit version tag and, better, its digest: `FROM nvcr.io/nvidia/pytorch:24.05-py3@sha256:<digest>`. ' +
      'Let a bot (Renovate, Dependabot) propose digest updates so that changes are reviewed.',
    references: [NIST_800_190, `${DOCKERFILE_REF}#from`, 'https://github.com/hadolint/hadolint/wiki/DL3007', 'https://github.com/hadolint/hadolint/wiki/DL3006'],
    tags: ['dockerfile', 'supply-chain', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    for (const stage of model.stages) {
      if (!isExternalBase(stage)) continue;
      const ref = parseImageRef(stage.imageResolved);
      if (ref.digest) continue;
      if (!isFloatingTag(ref.tag)) continue;
      ctx.report({
        message: ref.tag ? `Base image ${stage.imageResolved} uses the movable '${ref.tag}' tag` : `Base image ${stage.imageResolved} has no tag, so it means 'latest'`,
        location: { line: stage.from.line },
        evidence: evidenceAt(model, stage.from.line),
        key: `from:${stage.imageResolved}`,
      });
    }
  },
};
export default rule;
