import type { Rule } from '../../core/types.js';
import type { SavedModelModel, SavedModelNode } from '../../parsers/savedmodel/savedmodel.js';
import { SAVEDMODEL_OPS, savedModelParser, suspiciousPath } from './savedmodel-ops.js';

/** String constants feeding a node's inputs (`name`, `name:0`; control inputs `^x` skipped). */
function inputStrings(model: SavedModelModel, node: SavedModelNode): string[] {
  const out: string[] = [];
  for (const input of node.inputs) {
    if (input.startsWith('^')) continue;
    const base = input.split(':')[0];
    const v = model.stringConsts.get(`${node.fn}\0${base}`);
    if (v) out.push(...v);
  }
  return out;
}

const rule: Rule<SavedModelModel> = {
  meta: {
    id: 'model/savedmodel-dangerous-op',
    title: 'TensorFlow SavedModel graph reads or writes files or calls Python',
    severity: 'high',
    description:
      'A SavedModel is a TensorFlow program, not just weights: when it is loaded and called (`tf.saved_model.load`, TF Serving, ' +
      '`keras.layers.TFSMLayer`), every op in its graph runs. Ops such as `WriteFile`, `ReadFile`, `MatchingFiles` and `ImmutableConst` ' +
      'touch the file system of the serving host (plant a file, read credentials into an output), and `PyFunc`/`EagerPyFunc` call Python. ' +
      'A model that predicts has no need for them. Checkpoint save/restore ops are normal and reported only when their file name is ' +
      'absolute or climbs out of the model folder.',
    remediation:
      'Do not load this SavedModel from an untrusted source. Inspect it with `saved_model_cli show --all` and re-export the model from ' +
      'its source code; serve models in a sandbox without write access or credentials.',
    references: [
      'https://github.com/tensorflow/tensorflow/blob/master/SECURITY.md',
      'https://www.tensorflow.org/guide/saved_model',
      'https://atlas.mitre.org/techniques/AML.T0011',
      'https://atlas.mitre.org/techniques/AML.T0010',
    ],
    tags: ['model', 'tensorflow', 'savedmodel', 'code-execution', 'file-access'],
  },
  parser: savedModelParser,
  check(model, ctx) {
    const grouped = new Map<string, { node: SavedModelNode; count: number; detail: string[] }>();
    for (const node of model.nodes) {
      const risk = SAVEDMODEL_OPS[node.op];
      if (!risk) continue;
      const strings = [...inputStrings(model, node), ...Object.values(node.attrs).flat()];
      let detail: string[] = [];
      if (risk.routine) {
        detail = strings.filter((s) => suspiciousPath(s)).map((s) => `${s} (${suspiciousPath(s)})`);
        if (!detail.length) continue;
      } else {
        detail = strings.filter((s) => s.length > 0 && s.length < 500).slice(0, 5);
      }
      const key = `${node.op}:${detail.join('|')}`;
      const g = grouped.get(key);
      if (g) g.count++;
      else grouped.set(key, { node, count: 1, detail });
    }
    for (const [key, { node, count, detail }] of grouped) {
      const risk = SAVEDMODEL_OPS[node.op];
      const where = node.fn ? `function '${node.fn.slice(0, 200)}'` : 'the graph';
      ctx.report({
        message: `op ${node.op} (${count} node${count > 1 ? 's' : ''}, e.g. '${node.name.slice(0, 200)}' in ${where}) ${risk.what}${detail.length ? `: ${detail.join(', ').slice(0, 300)}` : ''}`,
        severity: risk.severity,
        evidence: `${node.op}${detail.length ? ' ' + detail.join(', ').slice(0, 300) : ''}`,
        key,
        properties: { op: node.op, node: node.name, function: node.fn, count, ...(detail.length ? { strings: detail } : {}) },
      });
    }
  },
};
export default rule;
