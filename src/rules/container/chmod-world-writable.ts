import type { Rule } from '../../core/types.js';
import { dockerfileParser, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { basenameOf, programWords } from '../../parsers/dockerfile/shell.js';
import { NIST_800_190, evidenceAt, reportAt, runCommands } from './support.js';

// Octal modes whose last digit grants write to "other" (777, 0777, 666, 1777 is /tmp-style sticky: allowed),
// and symbolic modes that add write for all/other.
const OCTAL = /^0?[0-7]?[0-7][0-7][2367]$/;
const STICKY = /^0?1[0-7]{3}$/;
const SYMBOLIC = /(?:^|,)(?:a|o|ugo|)\+[rwxXst]*w/;

function worldWritable(mode: string): boolean {
  if (/^\d+$/.test(mode)) return OCTAL.test(mode) && !STICKY.test(mode);
  return SYMBOLIC.test(mode) && !/^[ug]+\+/.test(mode);
}

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/chmod-world-writable',
    title: 'Build makes files or directories world-writable (chmod 777)',
    severity: 'medium',
    description:
      '`chmod -R 777 /app` (often added to get past a permission error with a non-root user or a mounted model cache) lets any process or user ' +
      'in the container replace the application code, entrypoint scripts or model files that the server later loads and executes. ' +
      'NIST SP 800-190 §4.1.2 (image configuration defects).',
    remediation: 'Give ownership to the runtime user instead: `COPY --chown=app:app ...` or `chown -R app:app /app` with mode 755/644 (775 for shared caches with a shared group).',
    references: [NIST_800_190, 'https://cwe.mitre.org/data/definitions/732.html', 'https://docs.docker.com/reference/dockerfile/#copy---chmod'],
    tags: ['dockerfile', 'permissions', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    for (const { inst, cmd } of runCommands(model)) {
      const words = programWords(cmd.words);
      if (basenameOf(words[0] ?? '') !== 'chmod') continue;
      const mode = words.slice(1).find((w) => !w.startsWith('-'));
      if (mode && worldWritable(mode)) reportAt(ctx, model, inst, mode, `chmod ${mode} makes ${words.slice(words.indexOf(mode) + 1).join(' ') || 'files'} world-writable`, `chmod:${mode}:${words.slice(-1)[0]}`);
    }
    for (const inst of model.instructions) {
      if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue;
      const mode = inst.flags.find((f) => f.name === 'chmod')?.value;
      if (mode && worldWritable(mode)) ctx.report({ message: `${inst.keyword} --chmod=${mode} writes world-writable files`, location: { line: inst.line }, evidence: evidenceAt(model, inst.line), key: `copy-chmod:${mode}` });
    }
  },
};
export default rule;
