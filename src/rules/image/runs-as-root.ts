import { imageConfigParser, type ImageConfig } from '../../parsers/image/image-config.js';
import type { Rule } from '../../core/types.js';

// NIST SP 800-190 §4.4.3/§4.1: containers should run as non-root. The config's User is what the
// runtime uses when the pod or `docker run` does not override it.
const ROOT = /^(?:|root|0)(?::(?:root|0))?$/;

const rule: Rule<ImageConfig> = {
  meta: {
    id: 'image/runs-as-root',
    title: 'Container image runs as root by default',
    severity: 'high',
    description:
      'The image config sets no user (or root), so its process runs as UID 0 unless every deployment overrides it. ML serving and ' +
      'notebook images process untrusted input (uploaded files, model artifacts, prompts); as root, a code-execution bug in a model ' +
      'loader becomes full control of the container, and with a GPU device or host mounts often of the node.',
    remediation:
      'Add a non-root user in the Dockerfile (`RUN useradd -u 10001 app` then `USER 10001`) and make model and cache folders writable for ' +
      'it; in Kubernetes also set `runAsNonRoot: true`.',
    references: ['https://csrc.nist.gov/pubs/sp/800/190/final', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', 'https://docs.docker.com/build/building/best-practices/#user'],
    tags: ['image', 'nist-800-190', 'least-privilege'],
  },
  parser: imageConfigParser,
  check(cfg, ctx) {
    if (!ROOT.test(cfg.user.trim())) return;
    ctx.report({
      message: `image ${cfg.image || ''} runs as ${cfg.user ? `user '${cfg.user}'` : 'root (no USER set)'}`.replace('  ', ' '),
      location: { jsonPointer: '/config/User' },
      evidence: `User: "${cfg.user}"`,
      key: 'user',
    });
  },
};
export default rule;
