import type { Rule } from '../../core/types.js';
import { isTrue } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { CWE_502, reportCall, shown, via } from './support.js';

const NUMPY_LOADERS = new Set(['numpy.load']);

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/numpy-load-allow-pickle',
    title: 'numpy.load with allow_pickle=True',
    severity: 'high',
    description:
      '`np.load(..., allow_pickle=True)` unpickles object arrays stored in `.npy`/`.npz` files, so a crafted array file runs code when loaded. ' +
      'NumPy switched the default to `allow_pickle=False` in 1.16.3 because of CVE-2019-6446; turning it back on re-opens that hole for every file the code reads.',
    remediation: 'Drop `allow_pickle=True` and store numeric arrays only (no dtype=object). For mixed data use a format without code (JSON, Parquet, safetensors).',
    references: ['https://numpy.org/doc/stable/reference/generated/numpy.load.html', 'https://nvd.nist.gov/vuln/detail/CVE-2019-6446', CWE_502],
    tags: ['python', 'pickle', 'deserialization', 'numpy'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      if (!call.qname || !NUMPY_LOADERS.has(call.qname)) continue;
      const a = call.kwargs.allow_pickle ?? call.args[2];
      if (!isTrue(a)) continue;
      await reportCall(ctx, model, call, { message: `${shown(call)} is called with allow_pickle=True${via(a)}: object arrays in the file are unpickled`, key: `${call.qname}:${call.args[0]?.text ?? ''}`, at: a });
    }
  },
};
export default rule;
