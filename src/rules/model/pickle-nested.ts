import type { Rule } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import type { NestedPickle, StreamResult } from '../../parsers/pickle/machine.js';
import { verdictFor } from './pickle-verdict.js';
import { PICKLE_REFS, PICKLE_REMEDIATION } from './pickle-common.js';

// A pickle carried as a bytes literal inside a pickle, handed to pickle.loads / torch.load / any
// call, or merely stored: scanners that look at the outer stream only see a harmless blob. The
// inner stream is analysed by every pickle rule (marked "nested pickle at offset N"); this rule
// says that the hiding happened.
function suspicious(r: StreamResult): string[] {
  return r.imports.filter((i) => verdictFor(i).kind !== 'safe').map((i) => i.qual);
}

const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/pickle-nested',
    title: 'Pickle hides another pickle inside a bytes value',
    severity: 'high',
    description:
      'A bytes literal in this pickle is itself a pickle that imports non-allowlisted names, or is passed to a call (typically ' +
      '`pickle.loads`, `_pickle.loads`, `torch.load` or `dill.loads`). The outer stream looks like data while the inner one ' +
      'carries the payload: a second deserialisation at load time.',
    remediation: PICKLE_REMEDIATION,
    references: [...PICKLE_REFS, 'https://github.com/trailofbits/fickling'],
    tags: ['model', 'pickle', 'evasion', 'nested'],
  },
  parser: pickleParser,
  check(model, ctx) {
    if (!model.analysis) return;
    // Depth is bounded by the machine (nested pickles inside nested pickles up to a fixed level).
    const queue: NestedPickle[] = model.analysis.streams.flatMap((s) => s.nested);
    for (let i = 0; i < queue.length && i < 1024; i++) {
      const n = queue[i];
      queue.push(...n.result.nested);
      if (n.joblibArray) continue;
      const names = suspicious(n.result);
      if (!n.passedTo && names.length === 0) continue;
      const inner = names.length ? `imports ${names.slice(0, 5).join(', ')}` : 'imports only allowlisted names';
      ctx.report({
        message: `${n.length}-byte pickle at byte ${model.pickleOffset + n.offset} (nesting depth ${n.depth})${n.passedTo ? ` is passed to ${n.passedTo}` : ' is stored as data'} and ${inner}`,
        severity: names.length || n.passedTo ? 'high' : 'medium',
        evidence: names.join(', ') || n.passedTo,
        key: `nested:${n.depth}:${names.join(',')}:${n.passedTo ?? ''}`,
        location: { byteOffset: model.pickleOffset + n.offset },
        properties: { depth: n.depth, passedTo: n.passedTo, imports: names },
      });
    }
  },
};
export default rule;
