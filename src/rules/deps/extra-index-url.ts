import { depsParser, type DepsModel } from '../../parsers/deps/index.js';
import type { Rule } from '../../core/types.js';

// pip treats every index as equal: with --extra-index-url it takes the highest version found on
// ANY index, so a package name published on PyPI by someone else wins over the private one
// (dependency confusion). PyTorch's nightly channel was hit exactly this way (torchtriton, 2022).
const rule: Rule<DepsModel> = {
  meta: {
    id: 'deps/extra-index-url',
    title: 'Extra package index enables dependency confusion',
    severity: 'medium',
    description:
      '`--extra-index-url` (in a requirements file, pyproject/Pipfile sources, or a conda environment\'s pip list; Dockerfiles are covered by container/pip-extra-index-url) adds a second index ' +
      'that pip merges with PyPI, picking the highest version from either. Anyone who registers one of your private package names on ' +
      'PyPI with a higher version gets code execution in your build. In December 2022 a malicious `torchtriton` on PyPI was installed ' +
      'by `pip install --extra-index-url https://download.pytorch.org/whl/nightly` users. A plain `http://` index can also be ' +
      'tampered with in transit.',
    remediation:
      'Use a single index (`--index-url`) that proxies PyPI and your private packages with explicit precedence, or pin with hashes ' +
      '(`--require-hashes`), or use uv (first-index strategy) / Poetry sources with explicit priorities. Register your internal names ' +
      'on PyPI as placeholders. Always use https:// indexes.',
    references: [
      'https://pytorch.org/blog/compromised-nightly-dependency/',
      'https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url',
      'https://medium.com/@alex.birsan/dependency-confusion-4a5d60fec610',
      'https://cwe.mitre.org/data/definitions/427.html',
    ],
    tags: ['deps', 'supply-chain', 'dependency-confusion'],
  },
  parser: depsParser,
  check(model, ctx) {
    // Dockerfiles have their own rule (container/pip-extra-index-url) that also reads ENV and pip config.
    if (model.format === 'dockerfile') return;
    for (const idx of model.indexUrls) {
      const extra = idx.option === '--extra-index-url';
      const insecure = /^http:\/\//i.test(idx.url) && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/i.test(idx.url);
      if (!extra && !insecure) continue;
      // The URL may carry credentials (https://user:token@host/simple): keep them out of message and evidence.
      const shown = idx.url.replace(/\/\/[^/@\s]+@/, '//***@');
      const why = [extra ? 'pip merges this index with PyPI and installs the highest version from either (dependency confusion)' : '', insecure ? 'the index is plain http' : '']
        .filter(Boolean)
        .join('; ');
      ctx.report({
        message: `${idx.option} ${shown}: ${why}`,
        severity: insecure && !extra ? 'medium' : undefined,
        location: { line: idx.line },
        evidence: `${idx.option} ${shown}`,
        key: `${idx.option} ${shown}`,
        properties: { option: idx.option, url: shown, source: model.format },
      });
    }
  },
};
export default rule;
