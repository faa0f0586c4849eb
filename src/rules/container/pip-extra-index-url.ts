import type { Rule } from '../../core/types.js';
import { dockerfileParser, keyValues, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { ATLAS_SUPPLY_CHAIN, NIST_800_190, evidenceAt, optionValue, pipArgs, reportAt, runCommands } from './support.js';

// pip merges every index it is given and takes the highest version wherever it is found, so a public
// package named like a private one wins. This is how torchtriton was hijacked (Dec 25-30, 2022).
const OPTIONS = ['--extra-index-url'];
const ENV_NAMES = new Set(['PIP_EXTRA_INDEX_URL', 'UV_EXTRA_INDEX_URL']);

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/pip-extra-index-url',
    title: 'pip installs with --extra-index-url (dependency confusion)',
    severity: 'high',
    description:
      '`pip install --extra-index-url <private or vendor index>` does not make pip prefer that index: pip collects candidates from every ' +
      'index and installs the highest version, so anyone who uploads a same-named package to PyPI wins. Between 25 and 30 December 2022 ' +
      'the PyTorch nightly instructions (`--extra-index-url https://download.pytorch.org/whl/nightly`) installed a malicious `torchtriton` ' +
      'from PyPI that exfiltrated SSH keys and secrets. NIST SP 800-190 §4.1.5; MITRE ATLAS AML.T0010 (ML supply chain compromise).',
    remediation:
      'Use a single index (`--index-url https://download.pytorch.org/whl/cu121` for the torch wheels, installed in their own step), a proxy ' +
      'that serves private names only from the private index, or hash-pinned requirements (`--require-hashes`). uv: `--index-strategy first-index` (its default).',
    references: ['https://pytorch.org/blog/compromised-nightly-dependency/', 'https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url', NIST_800_190, ATLAS_SUPPLY_CHAIN],
    tags: ['dockerfile', 'supply-chain', 'dependency-confusion', 'python'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    for (const { inst, cmd } of runCommands(model)) {
      const args = pipArgs(cmd.words);
      if (args) {
        const opt = optionValue(args, OPTIONS);
        if (opt) reportAt(ctx, model, inst, opt.word, `pip install adds ${opt.value || 'an extra index'} with --extra-index-url`, `pip:${opt.value}`);
        // `pip config set global.extra-index-url URL`
        else if (args[0] === 'config' && args.some((a) => /extra-index-url$/.test(a))) reportAt(ctx, model, inst, 'extra-index-url', 'pip config sets an extra index URL', 'pip-config');
      }
    }
    for (const inst of model.instructions) {
      if (inst.keyword !== 'ENV' && inst.keyword !== 'ARG') continue;
      for (const { key, value } of keyValues(inst)) {
        if (!ENV_NAMES.has(key.toUpperCase()) || !value) continue;
        ctx.report({ message: `${inst.keyword} ${key} makes every pip install in the image use an extra index (${value})`, location: { line: inst.line }, evidence: evidenceAt(model, inst.line), key: `env:${key}` });
      }
    }
  },
};
export default rule;
