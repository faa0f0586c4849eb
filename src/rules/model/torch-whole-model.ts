import type { Rule } from '../../core/types.js';
import { allStreams, pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { verdictFor } from './pickle-verdict.js';
import { PICKLE_REFS } from './pickle-common.js';

// torch.save(model) pickles the module objects themselves, so loading needs (and imports) every
// class of the model's code. Legitimate and common, but it forces weights_only=False: risky, not malware.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/torch-whole-model',
    title: 'PyTorch checkpoint pickles whole model objects, not just weights',
    severity: 'medium',
    description:
      'The checkpoint was written with `torch.save(model)` (or holds module objects): loading it imports the model’s classes and ' +
      'requires `torch.load(weights_only=False)`, which also runs any payload a tampered copy carries. It is a legitimate pattern, ' +
      'but it makes the file as dangerous as code and ties it to the exact source tree that wrote it.',
    remediation:
      'Save and share `model.state_dict()` instead (ideally as safetensors) and rebuild the model from code you control; load with ' +
      '`torch.load(path, weights_only=True)`.',
    references: ['https://pytorch.org/tutorials/beginner/saving_loading_models.html', 'https://pytorch.org/docs/stable/generated/torch.load.html', ...PICKLE_REFS.slice(0, 2)],
    tags: ['model', 'pytorch', 'pickle'],
  },
  parser: pickleParser,
  check(model, ctx) {
    if (model.framework !== 'pytorch' && model.format !== 'pytorch-legacy') return;
    const classes = new Set<string>();
    let modules = false;
    for (const { stream } of allStreams(model)) {
      for (const imp of stream.imports) {
        if (imp.module.startsWith('__torch__')) continue;
        if (imp.module.startsWith('torch.nn.modules.')) modules = true;
        else if (/^[A-Z]/.test(imp.name) && verdictFor(imp).kind === 'unknown') classes.add(imp.qual);
      }
    }
    if (!modules && classes.size === 0) return;
    const list = [...classes].slice(0, 10);
    ctx.report({
      message: `checkpoint pickles model objects${list.length ? ` including project classes ${list.join(', ')}` : ' (torch.nn module classes)'}: loading needs weights_only=False`,
      key: 'whole-model',
      evidence: list.join(', ') || 'torch.nn.modules',
      properties: { classes: [...classes] },
    });
  },
};
export default rule;
