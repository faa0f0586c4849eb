import { depsParser, type DepsModel } from '../../parsers/deps/index.js';
import type { Rule } from '../../core/types.js';
import { databaseFor, summarize } from './advisory-finding.js';

// The pinned, locked or installed version of a Python package is one with published advisories.
// Most ML-infrastructure incidents were known CVEs in the platform itself (MLflow file read,
// Ray's job API, TorchServe ShellTorch, Gradio file access, torch.load weights_only bypass).
const rule: Rule<DepsModel> = {
  meta: {
    id: 'deps/vulnerable-package',
    title: 'Python package version with known vulnerabilities',
    severity: 'high',
    description:
      'A requirements file, lock file, manifest pin or installed package (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, in a ' +
      'folder, an archive or an image layer) names a version of an ML platform or ML library that published advisories (OSV / ' +
      'GitHub advisory database / PyPA advisory database) list as affected. Severity follows the worst advisory\'s CVSS score. ' +
      'The match uses PEP 440 ordering, so local builds (`2.1.0+cu121`) and pre-releases are placed correctly.',
    remediation:
      'Upgrade to the fixed version named in the finding (it clears every listed advisory on your release line), regenerate the ' +
      'lock file, and rebuild images. Where no fix exists, follow the advisory\'s mitigation (network isolation, authentication, ' +
      'disabling the vulnerable feature). Refresh the database with `mlwarden db update --from <OSV export>`.',
    references: [
      'https://osv.dev/',
      'https://github.com/advisories',
      'https://github.com/pypa/advisory-database',
      'https://csrc.nist.gov/pubs/sp/800/190/final',
      'https://atlas.mitre.org/techniques/AML.T0010',
    ],
    tags: ['deps', 'cve', 'supply-chain'],
  },
  parser: depsParser,
  check(model, ctx) {
    const db = databaseFor(ctx);
    for (const dep of model.deps) {
      if (!dep.version) continue;
      if (model.locked) {
        ctx.inventory({
          kind: 'package',
          path: ctx.entry.path,
          ...(ctx.entry.innerPath ? { innerPath: ctx.entry.innerPath } : {}),
          ecosystem: dep.ecosystem,
          name: dep.normalized,
          version: dep.version,
          source: model.format,
        });
      }
      if (!db.tracks(dep.ecosystem, dep.normalized)) continue;
      const matches = db.match(dep.ecosystem, dep.normalized, dep.version);
      if (!matches.length) continue;
      // Inside a container image's layers or a Dockerfile the package runs on Linux; elsewhere who knows.
      const host = ctx.entry.provenance?.image !== undefined || model.format === 'dockerfile' ? 'linux' : 'unknown';
      const s = summarize(db, dep.ecosystem, dep.name, dep.version, matches, host);
      ctx.report({
        message: s.text,
        severity: s.severity,
        location: { line: dep.line, ...(dep.column ? { column: dep.column } : {}) },
        evidence: dep.specifier ? `${dep.name}${dep.specifier}` : `${dep.name} ${dep.version}`,
        key: `${dep.normalized}@${dep.version}`,
        properties: { ...s.properties, source: model.format },
      });
    }
  },
};
export default rule;
