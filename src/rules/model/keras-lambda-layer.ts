import type { Rule } from '../../core/types.js';
import { kerasParser, type KerasModel, type KerasObjectRef } from '../../parsers/keras/keras.js';

/** A Lambda layer (any depth, any wrapper) or a serialized Python lambda (`__lambda__`). */
export function isLambda(ref: KerasObjectRef): boolean {
  return ref.className === 'Lambda' || ref.className === '__lambda__' || (ref.configKeys.includes('function') && ref.configKeys.includes('function_type'));
}

const rule: Rule<KerasModel> = {
  meta: {
    id: 'model/keras-lambda-layer',
    title: 'Keras model contains a Lambda layer (serialized Python bytecode)',
    severity: 'high',
    description:
      'A Keras `Lambda` layer stores its Python function as marshalled bytecode in the model config. Loading the model rebuilds and runs ' +
      'that bytecode: in legacy HDF5 models and in Keras before 2.13 with no safeguard at all (CVE-2024-3660), in Keras 3 whenever ' +
      '`safe_mode=False` is passed, which tutorials routinely do to make Lambda models load. The bytecode can do anything Python can. ' +
      'Lambda layers nested inside Functional or Sequential sub-models and wrappers such as `TimeDistributed` are found too.',
    remediation:
      'Do not load this model with `safe_mode=False` or with Keras older than 2.13. Ask the publisher to replace the Lambda layer with a ' +
      'registered custom layer class whose code you can review, and load with `safe_mode=True` (the default in Keras 3).',
    references: [
      'https://nvd.nist.gov/vuln/detail/CVE-2024-3660',
      'https://keras.io/api/layers/core_layers/lambda/',
      'https://keras.io/api/models/model_saving_apis/model_saving_and_loading/',
      'https://atlas.mitre.org/techniques/AML.T0011',
    ],
    tags: ['model', 'keras', 'code-execution'],
  },
  parser: kerasParser,
  check(model, ctx) {
    const lambdas = model.refs.filter(isLambda);
    for (const ref of lambdas) {
      // A `__lambda__` function inside a Lambda layer is the same finding.
      if (lambdas.some((l) => l !== ref && l.document === ref.document && ref.jsonPointer.startsWith(`${l.jsonPointer}/`))) continue;
      const what = ref.className === '__lambda__' ? 'a serialized Python lambda' : `Lambda layer '${(ref.layerName ?? '?').slice(0, 200)}'`;
      ctx.report({
        message: `${what} in ${ref.document} at ${ref.jsonPointer}: loading the model runs its embedded Python bytecode`,
        evidence: `${ref.className ?? ''} ${ref.layerName ?? ''}`.trim(),
        key: `${ref.document}:${ref.jsonPointer}`,
        location: { jsonPointer: ref.jsonPointer, ...(model.configMember ? { innerPath: model.configMember } : {}) },
        properties: { document: ref.document, layer: ref.layerName, container: model.container },
      });
    }
  },
};
export default rule;
