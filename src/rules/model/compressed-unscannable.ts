import type { Rule } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { PICKLE_REFS } from './pickle-common.js';

// Fail closed: a model file in a wrapper mlwarden cannot open (bzip2, xz, lzma, 7z, zstd) is never
// called clean. joblib writes exactly these with compress=('xz'|'bz2'|'lzma', n).
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/compressed-unscannable',
    title: 'Model file is compressed in a format mlwarden cannot open',
    severity: 'high',
    description:
      'The file is named like a model (or joblib/pickle artifact) but is wrapped in bzip2, xz, lzma, 7z or zstd compression, which ' +
      'mlwarden does not decode. Its contents — possibly a pickle that runs code when loaded — were not examined. joblib, ' +
      'torch users and model hubs produce such files; attackers use them because many scanners skip what they cannot open.',
    remediation:
      'Decompress the file in a sandbox and scan the result (`xz -dk model.joblib.xz && mlwarden scan model.joblib`), or re-export ' +
      'it uncompressed / gzip-compressed, which mlwarden reads.',
    references: [...PICKLE_REFS, 'https://joblib.readthedocs.io/en/stable/generated/joblib.dump.html'],
    tags: ['model', 'coverage', 'compressed'],
  },
  parser: pickleParser,
  check(model, ctx) {
    if (model.kind !== 'unscannable' || !model.unscannable) return;
    ctx.report({ message: model.unscannable.reason, key: `codec:${model.unscannable.codec}`, evidence: model.unscannable.codec, properties: { codec: model.unscannable.codec } });
  },
};
export default rule;
