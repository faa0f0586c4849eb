import type { Rule } from '../../core/types.js';
import { onnxParser, type OnnxModel } from '../../parsers/onnx/onnx.js';
import { CODE_RUNNING_DOMAINS, CODE_RUNNING_OPS, STANDARD_ONNX_DOMAINS } from './onnx-operator-domains.js';

const rule: Rule<OnnxModel> = {
  meta: {
    id: 'model/onnx-custom-operator-domain',
    title: 'ONNX model uses operators from a custom domain',
    severity: 'medium',
    description:
      'ONNX graphs name each operator by domain and type. Operators outside the standard domains (`ai.onnx`, `ai.onnx.ml`, ' +
      '`com.microsoft`, ...) are not implemented by ONNX Runtime: the model only runs after a custom-operator library is registered — a ' +
      'native shared object loaded into the inference process, or onnxruntime-extensions\' `PyOp`, which calls Python. A model that needs ' +
      'one asks its users to install and load code that came with it. Functions defined inside the model itself are not custom operators ' +
      'and are not reported.',
    remediation:
      'Find out which library implements the domain and where it comes from; only register custom-operator libraries you build or trust. ' +
      'Prefer models that use standard operators (re-export with a newer opset).',
    references: [
      'https://onnxruntime.ai/docs/reference/operators/add-custom-op.html',
      'https://github.com/onnx/onnx/blob/main/docs/IR.md#operator-sets',
      'https://github.com/microsoft/onnxruntime-extensions/blob/main/docs/pyop.md',
      'https://atlas.mitre.org/techniques/AML.T0010',
    ],
    tags: ['model', 'onnx', 'custom-operator'],
  },
  parser: onnxParser,
  check(model, ctx) {
    const local = new Set(model.functions.map((f) => `${f.domain}\0${f.name}`));
    const byDomain = new Map<string, { ops: Set<string>; count: number; where: string; code: boolean }>();
    for (const op of model.ops) {
      if (STANDARD_ONNX_DOMAINS.has(op.domain) || local.has(`${op.domain}\0${op.opType}`)) continue;
      const d = byDomain.get(op.domain) ?? { ops: new Set(), count: 0, where: op.where, code: false };
      d.ops.add(op.opType);
      d.count += op.count;
      if (CODE_RUNNING_OPS.has(op.opType) || CODE_RUNNING_DOMAINS[op.domain]) d.code = true;
      byDomain.set(op.domain, d);
    }
    for (const [domain, d] of byDomain) {
      const ops = [...d.ops].slice(0, 20);
      const why = CODE_RUNNING_DOMAINS[domain];
      ctx.report({
        message: `${d.count} node(s) use operators from custom domain '${domain.slice(0, 200)}' (${ops.join(', ')})${why ? `: ${why}` : d.code ? ': an operator that calls Python' : ''}`,
        severity: d.code ? 'high' : 'medium',
        evidence: `${domain}: ${ops.join(', ')}`.slice(0, 400),
        key: domain,
        properties: { domain, ops, nodes: d.count, graph: d.where },
      });
    }
  },
};
export default rule;
