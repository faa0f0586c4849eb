import type { Rule } from '../../core/types.js';
import { dockerfileParser, expandVars, type DockerfileModel, type Stage } from '../../parsers/dockerfile/dockerfile.js';
import { DOCKERFILE_REF, evidenceAt, NIST_800_190 } from './support.js';

// Base images known to set a non-root USER themselves, so a Dockerfile on top of them need not.
// Matched against the resolved image reference (lower-cased). One line per family.
const NON_ROOT_BASES: RegExp[] = [
  /^gcr\.io\/distroless\/[^:@]+:(?:[^@]*-)?nonroot\b/, // distroless :nonroot and :debug-nonroot
  /^cgr\.dev\/chainguard\/(?!.*-dev\b)/, // Chainguard images default to uid 65532 (the -dev variants run as root)
  /^(?:quay\.io\/)?jupyter\/[a-z-]+-notebook\b/, // Jupyter docker-stacks run as jovyan (NB_UID 1000)
];

const ROOT = /^(?:root|0)(?::(?:root|0))?$/;

/** The USER in effect at the end of `stage`, following `FROM <earlier stage>`; undefined = base default. */
function effectiveUser(model: DockerfileModel, stage: Stage): { user?: string; line?: number; base: Stage } {
  // USER ${APP_USER} counts with its literal ARG/ENV value.
  let s: Stage | undefined = stage;
  for (let hops = 0; s && hops <= model.stages.length; hops++) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    if (last) return { user: expandVars(last.rest.trim(), model.varsAt(last)).value, line: last.line, base: s };
    if (s.fromStage === undefined) return { base: s };
    s = model.stages[s.fromStage];
  }
  return { base: stage };
}

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/runs-as-root',
    title: 'Image runs as root (final stage has no non-root USER)',
    severity: 'medium',
    description:
      'The final build stage never switches to a non-root `USER` (or switches back to `root`/`0`), so the container process runs as uid 0. ' +
      'A code-execution bug in the ML server, a malicious pickle or a `trust_remote_code` model then runs as root inside the container, one ' +
      'kernel or runtime bug away from the node — and GPU images add a large driver attack surface (NIST SP 800-190 §4.1.2, image configuration defects; §4.4.3).',
    remediation:
      'Create an unprivileged user and end the final stage with `USER <name>` or `USER <uid>:<gid>` (e.g. `RUN useradd -u 10001 app` then `USER 10001`). ' +
      'Only the last stage matters: builder stages may stay root. In Kubernetes also set `runAsNonRoot: true`.',
    references: [NIST_800_190, `${DOCKERFILE_REF}#user`, 'https://github.com/hadolint/hadolint/wiki/DL3002', 'https://docs.docker.com/build/building/best-practices/#user'],
    tags: ['dockerfile', 'root', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    const final = model.finalStage;
    if (!final) return;
    const { user, line, base } = effectiveUser(model, final);
    if (user === undefined) {
      if (base.imageUnresolved) return;
      const image = base.imageResolved.toLowerCase();
      if (NON_ROOT_BASES.some((re) => re.test(image))) return;
      ctx.report({
        message: `The final stage (FROM ${final.imageResolved}) sets no USER: the container runs as root unless the base image says otherwise`,
        location: { line: final.from.line },
        evidence: evidenceAt(model, final.from.line),
        key: 'no-user',
      });
      return;
    }
    if (ROOT.test(user)) {
      ctx.report({ message: `The final stage switches to USER ${user}: the container runs as root`, location: { line }, evidence: evidenceAt(model, line!), key: 'user-root' });
    }
  },
};
export default rule;
