import type { Rule } from '../../core/types.js';
import { dockerfileParser, keyValues, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { DOCKERFILE_REF, evidenceAt, NIST_800_190 } from './support.js';
import { looksLikeSecretName } from '../../knowledge/credential-names.js';

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/secret-in-env-arg',
    title: 'Credential baked into the image with ENV or ARG',
    severity: 'high',
    description:
      '`ENV HF_TOKEN=hf_...` or `ARG WANDB_API_KEY=...` writes the credential into the image configuration and build history: anyone who ' +
      'can pull the image (a public registry, a shared cluster cache) reads it with `docker history` or `docker inspect`, and it stays in ' +
      'every layer built on top. NIST SP 800-190 §4.1.4 (embedded clear text secrets).',
    remediation:
      'Remove the value and rotate the credential. Pass build-time secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=hf_token ...`) ' +
      'and runtime secrets through the orchestrator (Kubernetes Secrets, `docker run --env-file`), never through ENV/ARG literals.',
    references: [NIST_800_190, 'https://docs.docker.com/build/building/secrets/', 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/', `${DOCKERFILE_REF}#arg`],
    tags: ['dockerfile', 'secrets', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    for (const inst of model.instructions) {
      if (inst.keyword !== 'ENV' && inst.keyword !== 'ARG') continue;
      for (const { key, value } of keyValues(inst)) {
        if (value === undefined || !looksLikeSecretName(key) || isPlaceholder(value)) continue;
        const line = model.text.line(inst.line)?.includes(value) ? inst.line : (findLine(model, inst.line, inst.endLine, value) ?? inst.line);
        ctx.report({
          message: `${inst.keyword} ${key} sets a literal credential in the image`,
          location: { line },
          evidence: evidenceAt(model, line),
          secret: value,
          properties: { name: key },
        });
      }
    }
  },
};

/** Values that are clearly not a credential: empty, a variable reference, a placeholder. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.startsWith('$')) return true;
  return /^(?:<[^>]*>|\*+|x+|changeme|change-me|none|null|nil|false|true|dummy|placeholder|your[-_a-z]*|todo|tbd|redacted|-)$/i.test(v);
}

function findLine(model: DockerfileModel, from: number, to: number, value: string): number | undefined {
  for (let n = from; n <= to; n++) if (model.text.line(n)?.includes(value)) return n;
  return undefined;
}
export default rule;
