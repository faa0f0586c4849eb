import type { Rule } from '../../core/types.js';

// Raised by the engine, not by a check: a file that could not be read or parsed is never "clean".
const rule: Rule = {
  meta: {
    id: 'scan/unreadable',
    title: 'File could not be read or parsed',
    severity: 'medium',
    description:
      'mlwarden could not read this file, or its format was malformed, truncated or lied about itself, so part of it was not analysed. ' +
      'Attackers corrupt files on purpose so that scanners give up while the real loader (which is more forgiving) still runs the payload.',
    remediation:
      'Check why the file is malformed: re-export it with its producing tool, or remove it. If it is expected (an encrypted or proprietary file), suppress this finding for that path with a reason.',
    references: ['https://atlas.mitre.org/techniques/AML.T0010', 'https://csrc.nist.gov/pubs/sp/800/190/final'],
    tags: ['scan', 'coverage'],
  },
};
export default rule;
