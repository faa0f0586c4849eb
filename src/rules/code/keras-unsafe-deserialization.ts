import type { Rule } from '../../core/types.js';
import { isFalse } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_USER_EXECUTION, CWE_502, reportCall, shown, via } from './support.js';

/** Keras model loaders that take safe_mode (Keras 3, tf.keras >= 2.13), under every import path. */
const LOADERS = new Set([
  'keras.models.load_model', 'keras.saving.load_model', 'keras.src.saving.saving_api.load_model', 'tensorflow.keras.models.load_model',
  'tensorflow.keras.saving.load_model', 'tf_keras.models.load_model', 'tf_keras.saving.load_model', 'keras.models.model_from_json',
  'tensorflow.keras.models.model_from_json', 'keras.saving.deserialize_keras_object',
]);
/** Calls that switch safe mode off for the whole process. */
const GLOBAL_OFF = new Set(['keras.config.enable_unsafe_deserialization', 'tensorflow.keras.config.enable_unsafe_deserialization']);

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/keras-unsafe-deserialization',
    title: 'Keras model loaded with safe_mode=False (Lambda layers run code)',
    severity: 'high',
    description:
      'A Keras model file can carry `Lambda` layers whose Python bytecode is deserialized and executed on load. Keras refuses that by default ' +
      '(`safe_mode=True`, added after CVE-2024-3660); `load_model(..., safe_mode=False)` or `keras.config.enable_unsafe_deserialization()` turns the ' +
      'protection off, so a downloaded `.keras`/`.h5` model runs arbitrary code.',
    remediation: 'Keep the default safe mode. Rebuild models that need Lambda layers with registered custom layers (`@keras.saving.register_keras_serializable`), whose code lives in your repository.',
    references: ['https://keras.io/api/models/model_saving_apis/model_saving_and_loading/', 'https://nvd.nist.gov/vuln/detail/CVE-2024-3660', CWE_502, ATLAS_USER_EXECUTION],
    tags: ['python', 'keras', 'tensorflow', 'deserialization'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      if (!call.qname) continue;
      if (GLOBAL_OFF.has(call.qname)) {
        await reportCall(ctx, model, call, { message: `${shown(call)} disables Keras safe mode for every model this process loads`, key: call.qname });
        continue;
      }
      if (!LOADERS.has(call.qname)) continue;
      const s = call.kwargs.safe_mode;
      if (isFalse(s)) await reportCall(ctx, model, call, { message: `${shown(call)} is called with safe_mode=False${via(s)}: Lambda layers in the file run code`, key: `${call.qname}:${call.args[0]?.text ?? ''}`, at: s });
    }
  },
};
export default rule;
