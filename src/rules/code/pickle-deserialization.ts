import type { Rule } from '../../core/types.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_USER_EXECUTION, CWE_502, reportCall, shown } from './support.js';

/** Calls that deserialize with pickle (or an equivalent object-constructing format). One line per API. */
export const PICKLE_LOADERS: Record<string, string> = {
  'pickle.load': 'pickle',
  'pickle.loads': 'pickle',
  'pickle.Unpickler': 'pickle',
  '_pickle.load': 'pickle',
  '_pickle.loads': 'pickle',
  'cPickle.load': 'pickle',
  'cPickle.loads': 'pickle',
  'dill.load': 'dill',
  'dill.loads': 'dill',
  'dill.Unpickler': 'dill',
  'cloudpickle.load': 'cloudpickle',
  'cloudpickle.loads': 'cloudpickle',
  'joblib.load': 'joblib',
  'sklearn.externals.joblib.load': 'joblib',
  'pandas.read_pickle': 'pandas.read_pickle',
  'pandas.io.pickle.read_pickle': 'pandas.read_pickle',
  'shelve.open': 'shelve',
  'jsonpickle.decode': 'jsonpickle',
  'jsonpickle.loads': 'jsonpickle',
};

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/pickle-deserialization',
    title: 'pickle-based deserialization (pickle, dill, cloudpickle, joblib, pandas.read_pickle)',
    severity: 'high',
    description:
      'pickle and the libraries built on it (dill, cloudpickle, joblib — the default way to save scikit-learn models — `pandas.read_pickle`, `shelve`) ' +
      'execute code while loading: a pickle can call `os.system` through `__reduce__`. Loading a model, feature store dump or cached dataset that someone ' +
      'else could write (a shared bucket, a model hub, an upload) is remote code execution. The Python docs say: never unpickle untrusted data.',
    remediation:
      'Load only files you produced and whose integrity you check (hash or signature). For models use formats without code: safetensors, ONNX, skops ' +
      '(`skops.io.load` with explicit trusted types) for scikit-learn, Parquet/Arrow for data frames. Scan third-party pickles before loading them.',
    references: ['https://docs.python.org/3/library/pickle.html#module-pickle', 'https://joblib.readthedocs.io/en/stable/persistence.html', CWE_502, ATLAS_USER_EXECUTION],
    tags: ['python', 'pickle', 'deserialization'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      const lib = call.qname ? PICKLE_LOADERS[call.qname] : undefined;
      if (!lib) continue;
      const src = call.args[0]?.text ?? '';
      await reportCall(ctx, model, call, { message: `${shown(call)} deserializes with ${lib}: loading runs any code embedded in the data`, key: `${call.qname}:${src}` });
    }
  },
};
export default rule;
