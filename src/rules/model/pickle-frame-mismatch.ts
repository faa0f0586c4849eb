import type { Rule } from '../../core/types.js';
import { allStreams, pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { PICKLE_REFS, PICKLE_REMEDIATION, where } from './pickle-common.js';

// Protocol 4 FRAME opcodes declare how many bytes follow. CPython's C unpickler treats them as a
// read-ahead hint, so a frame whose length lies changes nothing for the loader but can desynchronise
// scanners that honour frames. Pickler output never has overlapping or straddled frames.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/pickle-frame-mismatch',
    title: 'Pickle FRAME length disagrees with the stream',
    severity: 'medium',
    description:
      'A FRAME opcode declares a length that does not match where the opcodes really are: an opcode runs past the frame end, a ' +
      'new frame starts inside the previous one, or the frame claims more bytes than the file has. Python’s pickler never writes ' +
      'this; it is a parser-differential trick against scanners.',
    remediation: PICKLE_REMEDIATION,
    references: [...PICKLE_REFS, 'https://peps.python.org/pep-3154/'],
    tags: ['model', 'pickle', 'evasion'],
  },
  parser: pickleParser,
  check(model, ctx) {
    for (const { stream, where: w } of allStreams(model)) {
      for (const is of stream.issues) {
        if (!is.kind.startsWith('frame-')) continue;
        ctx.report({ message: `${is.message}${where(w)}`, key: is.kind, evidence: is.kind, location: { byteOffset: model.pickleOffset + is.offset } });
      }
    }
  },
};
export default rule;
