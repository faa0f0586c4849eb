import type { Rule } from '../../core/types.js';
import { onnxParser, type OnnxModel } from '../../parsers/onnx/onnx.js';
import { recordModel } from './inventory.js';

const rule: Rule<OnnxModel> = {
  meta: {
    id: 'model/onnx-invalid-structure',
    title: 'ONNX model is truncated or malformed: part of its graph was not analysed',
    severity: 'high',
    description:
      'The ONNX protobuf could be opened, but a field ran past the end of its message, nesting went too deep or the graph was cut off, ' +
      'so the operators and external-data references after that point were not checked. Protobuf readers differ in how they treat such ' +
      'damage, which makes it a way to show a scanner less than the runtime will load.',
    remediation: 'Re-export the model with `onnx.save_model` from a trusted source, and check it with `onnx.checker.check_model(path, full_check=True)`.',
    references: ['https://github.com/onnx/onnx/blob/main/docs/IR.md', 'https://protobuf.dev/programming-guides/encoding/', 'https://atlas.mitre.org/techniques/AML.T0010'],
    tags: ['model', 'onnx', 'integrity', 'coverage'],
  },
  parser: onnxParser,
  async check(model, ctx) {
    await recordModel(ctx, {
      format: 'onnx',
      framework: 'onnx',
      tensors: model.initializerCount,
      ...(model.producerName ? { producer: `${model.producerName}${model.producerVersion ? ' ' + model.producerVersion : ''}` } : {}),
      ...(model.irVersion !== undefined ? { irVersion: model.irVersion } : {}),
      opsets: model.opsetImports.map((o) => `${o.domain || 'ai.onnx'}:${o.version ?? '?'}`),
    });
    if (model.incomplete) ctx.report({ message: `${model.incomplete}; the rest of the model was not analysed`, key: 'incomplete' });
  },
};
export default rule;
