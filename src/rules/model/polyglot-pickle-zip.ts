import type { Rule, Severity } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { verdictFor, maxSeverity } from './pickle-verdict.js';
import { PICKLE_REFS, PICKLE_REMEDIATION } from './pickle-common.js';

// One file, two readings: torch.load sees a legacy pickle (no "PK" at offset 0), while zip tools
// (and scanners that only list the archive) see a tidy zip checkpoint. Whatever each reader sees,
// it is a file built to be read differently by different tools.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/polyglot-pickle-zip',
    title: 'File is a pickle at offset 0 and a zip archive at the same time',
    severity: 'high',
    description:
      'The file starts with a pickle stream and also ends with a valid zip central directory. PyTorch decides by the first bytes ' +
      'and unpickles the leading stream; zip-based tools and scanners read the archive and may judge only its members. A benign ' +
      'looking half can hide a malicious other half. Both halves are analysed here; critical when either imports something dangerous.',
    remediation: PICKLE_REMEDIATION,
    references: [...PICKLE_REFS, 'https://github.com/trailofbits/polyfile'],
    tags: ['model', 'pickle', 'polyglot', 'evasion'],
  },
  parser: pickleParser,
  check(model, ctx) {
    const p = model.polyglot;
    if (!p) return;
    let severity: Severity = 'high';
    const bad: string[] = [];
    for (const m of p.pickles) {
      for (const s of m.analysis?.streams ?? []) {
        for (const imp of s.imports) {
          const v = verdictFor(imp);
          if (v.kind === 'safe') continue;
          bad.push(`${m.name}: ${imp.qual}`);
          if (v.kind === 'dangerous' || v.kind === 'opaque') severity = maxSeverity(severity, 'critical');
        }
      }
    }
    for (const s of model.analysis?.streams ?? []) for (const imp of s.imports) if (['dangerous', 'opaque'].includes(verdictFor(imp).kind)) severity = 'critical';
    ctx.report({
      message: `pickle at offset 0 and a zip with ${p.members.length} members (${p.members.slice(0, 5).join(', ')})${bad.length ? `; zip pickles import ${bad.slice(0, 5).join(', ')}` : ''}`,
      severity,
      key: 'polyglot-zip',
      evidence: p.members.slice(0, 5).join(', '),
      properties: { members: p.members, zipPickleImports: bad },
    });
  },
};
export default rule;
