import type { Rule } from '../../core/types.js';
import { allStreams, pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { verdictFor } from './pickle-verdict.js';
import { importText, inventoryPickle, PICKLE_REFS, PICKLE_REMEDIATION, where } from './pickle-common.js';

// The core verdict: a pickle that imports something that runs programs, evaluates code, touches
// files or the network, or resolves other names. Critical when the stream also calls it (or hands
// it to a call), high when it is only imported. Names are judged after Python 2 -> 3 renames and
// through dotted attribute walks, so `__builtin__.eval` and `pathlib` + `os.system` are caught too.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/pickle-dangerous-global',
    title: 'Pickle imports a dangerous callable',
    severity: 'critical',
    description:
      'Unpickling runs whatever callables the pickle names: `pickle.load`, `torch.load(weights_only=False)`, `joblib.load` and ' +
      '`numpy.load(allow_pickle=True)` import each GLOBAL/STACK_GLOBAL/INST name and call it with attacker-chosen arguments. ' +
      'This file names a callable that runs programs, evaluates code, opens files or sockets, resolves other names or starts a ' +
      'second deserialiser. No real checkpoint needs these: this is how malicious models execute code on the machine that loads them.',
    remediation: PICKLE_REMEDIATION,
    references: [...PICKLE_REFS, 'https://github.com/mmaitre314/picklescan/issues/13', 'https://github.com/mmaitre314/picklescan/pull/74'],
    tags: ['model', 'pickle', 'code-execution', 'supply-chain'],
  },
  parser: pickleParser,
  async check(model, ctx) {
    await inventoryPickle(model, ctx);
    for (const { stream, where: w } of allStreams(model)) {
      for (const imp of stream.imports) {
        const v = verdictFor(imp);
        if (v.kind !== 'dangerous') continue;
        ctx.report({
          message: `${importText(imp)} — ${v.entry.why}${where(w)}`,
          severity: v.severity,
          evidence: imp.qual,
          key: `${imp.qual}${w ? `@${w.replace(/offset \d+/g, '')}` : ''}`,
          location: { byteOffset: model.pickleOffset + imp.offset },
          properties: { global: imp.qual, category: v.entry.category, matched: v.matched, called: imp.called, via: imp.via, ...(w ? { where: w } : {}) },
        });
      }
    }
  },
};
export default rule;
