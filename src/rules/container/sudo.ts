import type { Rule } from '../../core/types.js';
import { dockerfileParser, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { basenameOf } from '../../parsers/dockerfile/shell.js';
import { NIST_800_190, reportAt, runCommands, runPipelines } from './support.js';
import { shellScripts } from '../../parsers/dockerfile/shell.js';

const INSTALLERS = new Set(['apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'apk', 'zypper', 'conda', 'mamba']);

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/sudo',
    title: 'Image installs or uses sudo, or grants passwordless sudo',
    severity: 'medium',
    description:
      'sudo in an image (common in notebook and dev-container images that "drop" to a user) gives the non-root user a path back to root: ' +
      'a `NOPASSWD` sudoers entry turns any code execution as that user (a notebook cell, a malicious model) into root, undoing the USER ' +
      'switch. During the build everything already runs as root, so sudo is never needed there. NIST SP 800-190 §4.1.2.',
    remediation:
      'Remove sudo. Run privileged build steps before `USER`, as root; at run time give the container only what it needs. For interactive ' +
      'images that truly need escalation, require a password and keep such images out of shared clusters.',
    references: [NIST_800_190, 'https://github.com/hadolint/hadolint/wiki/DL3004', 'https://cwe.mitre.org/data/definitions/250.html'],
    tags: ['dockerfile', 'privilege', 'nist-800-190'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    const reported = new Set<number>();
    for (const { inst, cmd } of runCommands(model)) {
      if (reported.has(inst.line)) continue;
      const prog = basenameOf(cmd.words[0] ?? '');
      if (prog === 'sudo') {
        reportAt(ctx, model, inst, 'sudo', 'RUN uses sudo', `use:${inst.line}`, { severity: 'low' });
        reported.add(inst.line);
      } else if (INSTALLERS.has(prog) && cmd.words.includes('install') && cmd.words.includes('sudo')) {
        reportAt(ctx, model, inst, 'sudo', `${prog} installs sudo into the image`, 'install-sudo');
        reported.add(inst.line);
      }
    }
    for (const { inst } of runPipelines(model)) {
      if (!shellScripts(inst).some((s) => s.includes('NOPASSWD'))) continue;
      reportAt(ctx, model, inst, 'NOPASSWD', 'A sudoers entry grants passwordless sudo', 'nopasswd', { severity: 'high' });
      break;
    }
  },
};
export default rule;
