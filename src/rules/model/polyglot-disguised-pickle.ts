import type { Rule } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { PICKLE_REFS, PICKLE_REMEDIATION } from './pickle-common.js';

// Content decides, not the name: a pickle saved as `.txt`, `.json` or `.safetensors` slips past
// tools and reviewers that trust extensions, and any loader given the path will still unpickle it.
const CLAIMS = /\.(txt|md|json|ya?ml|csv|tsv|xml|html?|cfg|ini|toml|py|sh|png|jpe?g|gif|safetensors|onnx|gguf|h5|hdf5|keras|tflite|pb|msgpack|parquet)$/i;

const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/polyglot-disguised-pickle',
    title: 'Pickle hidden behind another format’s file name',
    severity: 'high',
    description:
      'The file’s content is a complete pickle stream that imports names, but its extension claims a format that cannot run code ' +
      '(text, JSON, YAML, an image, safetensors, ONNX, GGUF, ...). Reviewers and extension-based scanners skip it; any code that ' +
      'passes the path to pickle/torch/joblib still executes it.',
    remediation: `Rename or delete the file and find out who produced it. ${PICKLE_REMEDIATION}`,
    references: PICKLE_REFS,
    tags: ['model', 'pickle', 'polyglot', 'evasion'],
  },
  parser: pickleParser,
  check(model, ctx) {
    if (model.kind !== 'pickle' || model.wrapper || model.npy || !CLAIMS.test(ctx.entry.name)) return;
    const s = model.analysis?.streams[0];
    if (!s?.complete) return;
    ctx.report({
      message: `'${ctx.entry.name}' is a pickle stream (${s.imports.length} imports, ${s.ops} opcodes), not what its extension says`,
      key: 'disguised',
      evidence: s.imports.slice(0, 5).map((i) => i.qual).join(', '),
    });
  },
};
export default rule;
