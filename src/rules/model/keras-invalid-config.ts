import type { Rule } from '../../core/types.js';
import { kerasParser, type KerasModel } from '../../parsers/keras/keras.js';
import { recordModel } from './inventory.js';

const rule: Rule<KerasModel> = {
  meta: {
    id: 'model/keras-invalid-config',
    title: 'Keras model configuration could not be fully analysed',
    severity: 'medium',
    description:
      'The Keras model\'s configuration (config.json in a .keras archive, or the model_config attribute of an HDF5 file) is missing, ' +
      'not valid JSON, too large, or stored in a way this scanner does not decode, so Lambda layers and module references in it were ' +
      'not checked. Keras itself may still load it.',
    remediation: 'Re-save the model with Keras (`model.save("model.keras")`) from a trusted source, and scan it again.',
    references: ['https://keras.io/guides/serialization_and_saving/', 'https://support.hdfgroup.org/documentation/hdf5/latest/_f_m_t3.html', 'https://atlas.mitre.org/techniques/AML.T0010'],
    tags: ['model', 'keras', 'coverage'],
  },
  parser: kerasParser,
  async check(model, ctx) {
    if (model.container === 'none') return;
    await recordModel(ctx, {
      format: model.container === 'keras-v3' ? 'keras' : 'keras-h5',
      framework: 'keras',
      ...(model.kerasVersion ? { kerasVersion: model.kerasVersion } : {}),
      ...(model.backend ? { backend: model.backend } : {}),
      layers: model.layerCount,
    });
    for (const issue of model.issues) ctx.report({ message: issue, key: issue.replace(/\d+/g, '#').slice(0, 120) });
  },
};
export default rule;
