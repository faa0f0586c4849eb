import type { Rule } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { PICKLE_REFS } from './pickle-common.js';

// A .npy with dtype object stores its elements as a pickle after the header; numpy.load refuses it
// unless allow_pickle=True, which turns the file into a pickle load. The pickle itself is judged by
// the pickle rules; this says the array needs the unsafe flag at all.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/numpy-object-array',
    title: 'NumPy array file stores Python objects (needs allow_pickle=True)',
    severity: 'low',
    description:
      'This .npy (or .npz member) has an object dtype: its data is a pickle, and `numpy.load` reads it only with ' +
      '`allow_pickle=True`, which lets a tampered copy run code. mlwarden analysed the embedded pickle with its pickle rules.',
    remediation: 'Store numeric arrays with a numeric dtype (or as safetensors); keep `numpy.load(..., allow_pickle=False)` (the default).',
    references: ['https://numpy.org/doc/stable/reference/generated/numpy.load.html', ...PICKLE_REFS.slice(0, 2)],
    tags: ['model', 'numpy', 'pickle'],
  },
  parser: pickleParser,
  check(model, ctx) {
    if (!model.npy?.objectArray) return;
    ctx.report({ message: `object array ${model.npy.shape} (descr '${model.npy.descr}'): its data is a pickle, loading needs allow_pickle=True`, key: 'object-array', evidence: model.npy.descr });
  },
};
export default rule;
