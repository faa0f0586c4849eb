import type { Rule } from '../../core/types.js';
import { dockerfileParser, shellWords, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { ATLAS_SUPPLY_CHAIN, DOCKERFILE_REF, evidenceAt, NIST_800_190 } from './support.js';

const URL = /^(?:https?|ftp):\/\//i;
// ADD accepts Git sources: https://host/repo.git#ref, git@host:repo, git://host/repo.
const GIT = /^(?:git@|git:\/\/|ssh:\/\/)|\.git(?:#|$)/i;
const COMMIT = /#[0-9a-f]{40}(?::|$)/i;

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/add-remote-source',
    title: 'ADD fetches a remote URL or Git repository without a pinned checksum or commit',
    severity: 'medium',
    description:
      '`ADD https://.../model.safetensors /models/` or `ADD https://github.com/org/repo.git /src` pulls content at build time from a place ' +
      'the Dockerfile does not pin: whatever the server (or a MITM on plain HTTP) returns ends up in the image, weights and code alike. ' +
      'NIST SP 800-190 §4.1.3 and §4.1.5.',
    remediation:
      'Use `ADD --checksum=sha256:<hex> <url> <dest>` (BuildKit), or download in a RUN step and verify the hash; for Git sources pin a full ' +
      'commit (`repo.git#<40-hex sha>`). Prefer `COPY` for local files.',
    references: [NIST_800_190, `${DOCKERFILE_REF}#add`, `${DOCKERFILE_REF}#add---checksum`, 'https://github.com/hadolint/hadolint/wiki/DL3020', ATLAS_SUPPLY_CHAIN],
    tags: ['dockerfile', 'supply-chain', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    for (const inst of model.instructions) {
      const add = inst.keyword === 'ADD' ? inst : undefined;
      if (!add || add.heredocs.length) continue;
      const words = add.exec ?? shellWords(add.rest);
      const sources = words.slice(0, -1);
      const checksum = add.flags.some((f) => f.name === 'checksum' && f.value !== '');
      for (const src of sources) {
        const git = GIT.test(src);
        if (!git && !URL.test(src)) continue;
        if (git ? COMMIT.test(src) || checksum : checksum) continue;
        ctx.report({
          message: git ? `ADD clones ${src} without pinning a commit` : `ADD downloads ${src} without --checksum`,
          location: { line: add.line },
          evidence: evidenceAt(model, add.line),
          key: `add:${src}`,
          ...(src.startsWith('http://') ? { severity: 'high' as const } : {}),
        });
      }
    }
  },
};
export default rule;
