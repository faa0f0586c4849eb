import type { Rule } from '../../core/types.js';
import { isFalse, isTrue, type PyArg } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_USER_EXECUTION, CWE_502, looksUntrusted, reportCall, shown, via } from './support.js';

/** Loaders that unpickle through torch.load and take its weights_only switch. */
const TORCH_LOADERS = new Set(['torch.load', 'torch.serialization.load', 'torch.hub.load_state_dict_from_url', 'torch.utils.model_zoo.load_url']);

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/torch-load-unsafe',
    title: 'torch.load without weights_only=True unpickles arbitrary code',
    severity: 'high',
    description:
      '`torch.load` reads checkpoints with pickle. Unless `weights_only=True`, a malicious `.pt`/`.bin` file runs any Python it wants the moment it ' +
      'is loaded (reverse shells in checkpoints on model hubs are documented). PyTorch 2.6 made `weights_only=True` the default, but code without ' +
      'the argument is unsafe on every older PyTorch it may run with, and `weights_only=False` is unsafe everywhere. Severity is critical for an explicit ' +
      '`weights_only=False`, high when the path looks like it comes from users or the network.',
    remediation:
      'Pass `weights_only=True` (add trusted classes with `torch.serialization.add_safe_globals` if needed), or store weights as safetensors and load them with ' +
      '`safetensors.torch.load_file`. Never call `torch.load(..., weights_only=False)` on files you did not produce.',
    references: ['https://pytorch.org/docs/stable/generated/torch.load.html', 'https://pytorch.org/docs/stable/notes/serialization.html#weights-only', CWE_502, ATLAS_USER_EXECUTION],
    tags: ['python', 'pickle', 'deserialization', 'pytorch'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      if (!call.qname || !TORCH_LOADERS.has(call.qname)) continue;
      const w: PyArg | undefined = call.kwargs.weights_only;
      if (isTrue(w)) continue;
      const path = call.kwargs.f ?? call.kwargs.url ?? call.args[0];
      if (isFalse(w)) {
        await reportCall(ctx, model, call, { message: `${shown(call)} is called with weights_only=False${via(w)}: loading runs any code in the file`, key: `${call.qname}:false:${path?.text ?? ''}`, severity: 'critical', at: w });
        continue;
      }
      if (w || call.opaqueKwargs) continue; // a non-literal weights_only or unknown **kwargs: cannot tell
      const untrusted = looksUntrusted(path);
      await reportCall(ctx, model, call, {
        message: `${shown(call)} without weights_only=True unpickles ${untrusted ? 'a file that looks user- or network-supplied' : 'the file'} (unsafe before PyTorch 2.6)`,
        key: `${call.qname}:missing:${path?.text ?? ''}`,
        severity: untrusted ? 'high' : 'medium',
      });
    }
  },
};
export default rule;
