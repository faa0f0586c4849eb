import type { Rule } from '../../core/types.js';
import { allStreams, pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { verdictFor } from './pickle-verdict.js';
import { importText, PICKLE_REFS, PICKLE_REMEDIATION, where } from './pickle-common.js';

// Allowlist first: a global that is neither vetted safe nor known dangerous is still code the
// loader will import and maybe call. It is usually a project's own class, so medium, not malware.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/pickle-unknown-global',
    title: 'Pickle imports a global that is not on the allowlist',
    severity: 'medium',
    description:
      'The pickle imports a module attribute that is neither on mlwarden’s list of globals real checkpoints need (torch tensor ' +
      'rebuilders, numpy reconstruction, scikit-learn/xgboost/lightgbm/transformers classes, ...) nor on its list of known-dangerous ' +
      'callables. Loading the file imports that module (running its import-time code) and may call the name. Often it is the ' +
      'project’s own class; sometimes it is a gadget no denylist knows yet.',
    remediation:
      'Check that each listed module is code you trust and have installed. Prefer saving weights only (state_dict + safetensors) ' +
      'so that loading needs no project classes; if the names are expected, record that with an ignore entry for this fingerprint.',
    references: [...PICKLE_REFS, 'https://pytorch.org/docs/stable/notes/serialization.html'],
    tags: ['model', 'pickle', 'allowlist'],
  },
  parser: pickleParser,
  check(model, ctx) {
    for (const { stream, where: w } of allStreams(model)) {
      for (const imp of stream.imports) {
        if (verdictFor(imp).kind !== 'unknown') continue;
        ctx.report({
          message: `${importText(imp)}${where(w)}`,
          evidence: imp.qual,
          key: imp.qual,
          location: { byteOffset: model.pickleOffset + imp.offset },
          properties: { global: imp.qual, called: imp.called, via: imp.via },
        });
      }
    }
  },
};
export default rule;
