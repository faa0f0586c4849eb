import type { Rule } from '../../core/types.js';
import type { SavedModelModel } from '../../parsers/savedmodel/savedmodel.js';
import { recordModel } from './inventory.js';
import { savedModelParser } from './savedmodel-ops.js';

const rule: Rule<SavedModelModel> = {
  meta: {
    id: 'model/savedmodel-invalid-structure',
    title: 'TensorFlow SavedModel is truncated or malformed: part of its graph was not analysed',
    severity: 'high',
    description:
      'saved_model.pb decoded as a SavedModel, but a field ran past the end of its message or the file was cut off, so the ops after that ' +
      'point (possibly file-system or Python ops) were not checked.',
    remediation: 'Re-export the SavedModel from a trusted source (`tf.saved_model.save`) and scan it again.',
    references: ['https://www.tensorflow.org/guide/saved_model', 'https://protobuf.dev/programming-guides/encoding/', 'https://atlas.mitre.org/techniques/AML.T0010'],
    tags: ['model', 'tensorflow', 'savedmodel', 'integrity', 'coverage'],
  },
  parser: savedModelParser,
  async check(model, ctx) {
    await recordModel(ctx, {
      format: 'savedmodel',
      framework: 'tensorflow',
      nodes: model.nodeCount,
      functions: model.functionCount,
      ...(model.tensorflowVersion ? { tensorflowVersion: model.tensorflowVersion } : {}),
      ...(model.tags.length ? { tags: model.tags } : {}),
    });
    if (model.incomplete) ctx.report({ message: `${model.incomplete}; the rest of the graph was not analysed`, key: 'incomplete' });
  },
};
export default rule;
