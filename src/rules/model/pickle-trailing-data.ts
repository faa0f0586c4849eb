import type { Rule } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { PICKLE_REFS, PICKLE_REMEDIATION } from './pickle-common.js';

// Data after STOP: a second pickle (a loader that calls load() in a loop runs it; scanners that
// stop at the first STOP never see it) or opaque bytes. PyTorch's legacy format is the expected
// exception (five pickles, then raw storages) and is not reported.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/pickle-trailing-data',
    title: 'Pickle file holds more than one stream, or data after STOP',
    severity: 'medium',
    description:
      'The file continues after the first pickle’s STOP opcode. A second pickle stream there is read by loaders that call ' +
      '`pickle.load` repeatedly (PyTorch’s legacy reader, many custom loaders) but skipped by scanners that stop at the first ' +
      'STOP. Every stream is analysed by mlwarden’s pickle rules; this finding says the layout itself is unusual.',
    remediation: PICKLE_REMEDIATION,
    references: PICKLE_REFS,
    tags: ['model', 'pickle', 'evasion'],
  },
  parser: pickleParser,
  check(model, ctx) {
    const a = model.analysis;
    if (!a || a.legacyTorch) return;
    if (a.streams.length > 1) {
      ctx.report({
        message: `${a.streams.length} pickle streams in one file (the second starts at byte ${model.pickleOffset + a.streams[1].start})`,
        key: 'streams',
        location: { byteOffset: model.pickleOffset + a.streams[1].start },
        properties: { streams: a.streams.length },
      });
    }
    if (a.trailing && a.trailing.length > 0) {
      ctx.report({
        message: `${a.trailing.length} bytes after the last pickle stream (from byte ${model.pickleOffset + a.trailing.offset}) are not a pickle`,
        severity: 'low',
        key: 'trailing',
        location: { byteOffset: model.pickleOffset + a.trailing.offset },
      });
    }
  },
};
export default rule;
