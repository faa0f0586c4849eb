import type { Rule } from '../../core/types.js';
import { isTrue } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_SUPPLY_CHAIN, reportCall, shown, via } from './support.js';

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/trust-remote-code',
    title: 'trust_remote_code=True runs Python code from the model or dataset repository',
    severity: 'high',
    description:
      'With `trust_remote_code=True`, `from_pretrained`, `pipeline`, `AutoModel*`, `load_dataset`, vLLM `LLM(...)` and sentence-transformers download ' +
      'the `.py` files in the Hugging Face repository and import them: whoever controls the repository (or a later commit to it, when the revision is not ' +
      'pinned) runs code in your training job or server, with its credentials and data. MITRE ATLAS AML.T0010 (ML supply chain compromise).',
    remediation:
      'Prefer architectures supported natively by the library. If remote code is needed, read it, pin the repository to that commit with ' +
      '`revision="<40-hex sha>"`, or vendor the code into your repository and load it locally.',
    references: ['https://huggingface.co/docs/transformers/en/custom_models', 'https://huggingface.co/docs/datasets/en/load_hub#remote-code', ATLAS_SUPPLY_CHAIN],
    tags: ['python', 'huggingface', 'remote-code', 'supply-chain'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      const t = call.kwargs.trust_remote_code;
      if (!isTrue(t)) continue;
      if (call.callee === 'dict' && !call.qname) continue; // dict(trust_remote_code=True) is reported where it is used
      const rev = call.kwargs.revision;
      const pinned = rev?.value.kind === 'str' && /^[0-9a-f]{40}$/.test(rev.value.value);
      await reportCall(ctx, model, call, {
        message: `${shown(call)} sets trust_remote_code=True${via(t)}: the repository's Python code runs on load${pinned ? ' (revision is pinned to a commit)' : ''}`,
        key: `${call.qname ?? call.name}:${call.args[0]?.text ?? ''}`,
        at: t,
        ...(pinned ? { severity: 'medium' as const } : {}),
      });
    }
  },
};
export default rule;
