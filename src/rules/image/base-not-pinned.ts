import { imageConfigParser, type ImageConfig } from '../../parsers/image/image-config.js';
import type { Rule } from '../../core/types.js';

// NIST SP 800-190 §4.1.1 / §4.2.3: images must come from known, fixed sources. Builders that record
// the base (BuildKit annotations `org.opencontainers.image.base.name/digest`, or the same labels)
// make it visible; a base given by tag only can change under the same name between builds.
const rule: Rule<ImageConfig> = {
  meta: {
    id: 'image/base-not-pinned',
    title: 'Image records a base image that was not pinned by digest',
    severity: 'low',
    description:
      'The image says which base it was built from, and that base was referenced by a tag (or `latest`) with no digest. A tag can be ' +
      'moved to different content at any time, so rebuilding the same Dockerfile can silently pull a different — possibly compromised — ' +
      'base. Only images whose builder recorded the base (OCI annotations or labels) can be checked; others are not judged.',
    remediation:
      'Pin the base in the Dockerfile (`FROM python:3.11-slim@sha256:...`) and update the digest deliberately (Renovate/Dependabot can do it).',
    references: ['https://csrc.nist.gov/pubs/sp/800/190/final', 'https://github.com/opencontainers/image-spec/blob/main/annotations.md', 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions'],
    tags: ['image', 'nist-800-190', 'supply-chain'],
  },
  parser: imageConfigParser,
  check(cfg, ctx) {
    const b = cfg.base;
    if (!b?.name || b.digest || b.name.includes('@sha256:')) return;
    ctx.report({
      message: `image ${cfg.image} was built FROM ${b.name} (recorded in a ${b.from}) without a digest`,
      evidence: `org.opencontainers.image.base.name=${b.name}`,
      key: b.name,
    });
  },
};
export default rule;
