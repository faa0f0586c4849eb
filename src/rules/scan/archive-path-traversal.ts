import type { Rule } from '../../core/types.js';

// Raised while listing an archive: mlwarden never extracts, but the people who use the archive do.
const rule: Rule = {
  meta: {
    id: 'scan/archive-path-traversal',
    title: 'Archive member would be written outside the extraction folder',
    severity: 'high',
    description:
      'A member of this archive has an absolute path or `..` segments (or is a link pointing outside the archive). Extracting it with a ' +
      'naive tool ("Zip Slip") overwrites files elsewhere on the machine: a model archive can plant a `.bashrc`, a cron job or a Python ' +
      'module that runs on the next import.',
    remediation:
      'Do not extract this archive. Rebuild it with relative member names, and extract archives only with tools that reject such paths ' +
      '(Python `tarfile` with `filter="data"`, `zipfile` after checking each name).',
    references: ['https://security.snyk.io/research/zip-slip-vulnerability', 'https://cwe.mitre.org/data/definitions/22.html', 'https://peps.python.org/pep-0706/'],
    tags: ['archive', 'path-traversal'],
  },
};
export default rule;
