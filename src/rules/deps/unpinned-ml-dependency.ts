import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ML_PACKAGES } from '../../advisories/tracked.js';
import { depsParser, type DepsModel } from '../../parsers/deps/index.js';
import { FileSource } from '../../io/sources.js';
import type { Entry, Rule } from '../../core/types.js';

/** Lock files that pin what a manifest leaves open; any of them beside the manifest silences this rule. */
const LOCK_FILES = ['poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock', 'conda-lock.yml', 'requirements.lock', 'requirements-lock.txt', 'requirements.txt.lock'];

/**
 * Whether the manifest's folder has a lock. Only files on disk can be checked; for archive members
 * the answer is unknown and the rule stays silent rather than guess.
 */
function lockless(entry: Entry, model: DepsModel): boolean {
  if (model.locked || entry.kind !== 'file' || !(entry.source instanceof FileSource)) return false;
  const dir = dirname(entry.source.file);
  return !LOCK_FILES.some((f) => existsSync(join(dir, f)));
}

// Without a pin or a lock, every install resolves "latest at that moment": builds differ, a
// compromised or vulnerable release is picked up silently, and advisories cannot be matched.
const rule: Rule<DepsModel> = {
  meta: {
    id: 'deps/unpinned-ml-dependency',
    title: 'ML dependency without a pinned version in a project without a lock file',
    severity: 'low',
    description:
      'A requirements file, pyproject.toml, Pipfile, setup.cfg, conda environment or Dockerfile `pip install` names an ML platform or ' +
      'ML library (torch, transformers, mlflow, ray, vllm, langchain, ...) with no exact version, and no lock file sits beside it. ' +
      'Each build then installs whatever is newest — including a release later found vulnerable or malicious (the December 2022 ' +
      '`torchtriton` dependency-confusion compromise reached users of unpinned nightly installs) — and the version that runs cannot ' +
      'be checked against advisories.',
    remediation:
      'Pin exact versions (`torch==2.6.0`) or commit a lock file (`uv lock`, `poetry lock`, `pip-compile --generate-hashes`), and ' +
      'prefer hash-checked installs (`pip install --require-hashes`).',
    references: [
      'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
      'https://pytorch.org/blog/compromised-nightly-dependency/',
      'https://csrc.nist.gov/pubs/sp/800/218/final',
    ],
    tags: ['deps', 'supply-chain', 'pinning'],
  },
  parser: depsParser,
  check(model, ctx) {
    if (model.locked || !lockless(ctx.entry, model)) return;
    for (const dep of model.deps) {
      if (dep.version || dep.url || !ML_PACKAGES.has(dep.normalized)) continue;
      ctx.report({
        message: `${dep.name} is not pinned${dep.specifier ? ` (${dep.specifier})` : ''} and no lock file is present: the installed version is whatever is newest at build time`,
        location: { line: dep.line, ...(dep.column ? { column: dep.column } : {}) },
        evidence: `${dep.name}${dep.specifier ?? ''}`,
        key: dep.normalized,
        properties: { package: dep.normalized, ...(dep.specifier ? { specifier: dep.specifier } : {}), source: model.format },
      });
    }
  },
};
export default rule;
