import { imageConfigParser, type ImageConfig } from '../../parsers/image/image-config.js';
import { looksLikeSecretName } from '../../knowledge/credential-names.js';
import type { Rule } from '../../core/types.js';

// `docker history` keeps every build argument a RUN step saw ("|2 HF_TOKEN=... /bin/sh -c ..."), and
// ENV values forever: deleting the file that used the token does not remove it from the image.
const BUILD_ARGS = /^\|(\d+) /;
// The lookbehind starts a name only at an identifier's start (else quadratic on a long identifier).
const ASSIGN = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g;

/** Values that are obviously not a real credential: too short, a placeholder, a variable reference. */
const PLACEHOLDER = /^(?:|x+|\*+|changeme|change_me|none|null|false|true|0|1|dummy|example|placeholder|redacted|your[-_].*|<.*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/i;

function isSecretAssignment(name: string, value: string): boolean {
  return looksLikeSecretName(name) && value.length >= 6 && !PLACEHOLDER.test(value.trim());
}

function assignments(s: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const m of s.matchAll(ASSIGN)) out.push({ name: m[1], value: m[2].replace(/^["']|["']$/g, '') });
  return out;
}

const rule: Rule<ImageConfig> = {
  meta: {
    id: 'image/secret-in-config',
    title: 'Credential in the image config (build argument or environment variable)',
    severity: 'high',
    description:
      'A variable whose name says it holds a credential (…_TOKEN, …_API_KEY, …PASSWORD) has a literal value in the image config: either ' +
      'an ENV value, or a build argument that Docker recorded in the layer history. Anyone who can pull the image can read it with ' +
      '`docker history --no-trunc` or `docker inspect`, even if a later step deleted the file that used it.',
    remediation:
      'Revoke the credential. Pass build-time secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=hf_token ...`) and runtime ' +
      'secrets through the orchestrator (Kubernetes Secrets, a vault), never through ARG or ENV.',
    references: ['https://docs.docker.com/build/building/secrets/', 'https://csrc.nist.gov/pubs/sp/800/190/final', 'https://atlas.mitre.org/techniques/AML.T0055'],
    tags: ['image', 'secrets', 'nist-800-190'],
  },
  parser: imageConfigParser,
  check(cfg, ctx) {
    cfg.env.forEach((e, i) => {
      const eq = e.indexOf('=');
      if (eq < 1) return;
      const name = e.slice(0, eq);
      const value = e.slice(eq + 1);
      if (!isSecretAssignment(name, value)) return;
      ctx.report({ message: `environment variable ${name} holds a literal credential`, location: { jsonPointer: `/config/Env/${i}` }, evidence: e, secret: value });
    });
    cfg.history.forEach((h, i) => {
      const m = BUILD_ARGS.exec(h.created_by);
      const argPart = m ? h.created_by.slice(m[0].length).split(/\s(?=\/bin\/sh|RUN|\/bin\/bash)/)[0] : h.created_by.startsWith('ARG ') ? h.created_by.slice(4) : undefined;
      if (!argPart) return;
      for (const { name, value } of assignments(argPart)) {
        if (!isSecretAssignment(name, value)) continue;
        ctx.report({ message: `build argument ${name} was recorded with its value in build step ${i}`, location: { jsonPointer: `/history/${i}/created_by` }, evidence: `${name}=${value}`, secret: value });
      }
    });
  },
};
export default rule;
