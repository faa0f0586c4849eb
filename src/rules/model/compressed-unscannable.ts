import type { Rule } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { PICKLE_REFS } from './pickle-common.js';

// Fail closed: a model file mlwarden could not fully decompress is never called clean. gzip, bzip2,
// xz, zstd, zlib, .lzma and LZ4 wrappers and 7z archives are opened and scanned; what remains is a
// 7z member or header whose coder mlwarden cannot decode (7zAES, PPMd, BCJ2, ...) and any wrapper
// whose stream is corrupt or truncated (raised for gzip/bzip2/xz/zstd/7z by
// src/targets/archive/expand.ts with this rule id, for zlib/lzma/lz4 by the pickle parser), and a
// zip-based model in a compressed stream whose directory lies past a limit (expand.ts too).
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/compressed-unscannable',
    title: 'Compressed model file could not be fully decompressed',
    severity: 'high',
    description:
      'The file is named or shaped like a model (pickle, joblib, torch checkpoint) but its compression could not be fully ' +
      'decoded: a 7z archive or member uses a coder mlwarden cannot decode (password-protected 7zAES, PPMd, BCJ2, ARM64 ' +
      'filter, ...) or has an unreadable header, or a stream is corrupt or truncated. gzip, bzip2, xz, zstd, zlib, .lzma ' +
      'and LZ4 wrappers (including joblib\'s compress=\'bz2\'|\'xz\'|\'lzma\'|\'lz4\') and 7z archives with Copy, LZMA, LZMA2, ' +
      'BZip2, Deflate, branch-converter (BCJ, ARM, PPC, SPARC) or Delta coders are otherwise opened and scanned, and what decoded before any damage is ' +
      'analysed too. It is also raised when a zip-based model (a torch.save checkpoint, .keras, .npz) sits in a compressed stream ' +
      '(SageMaker\'s model.tar.gz, model.pth.gz) and its zip directory lies past a decompression limit (maxEntryBytes, the ' +
      'archive budget): nothing in it was examined, though PyTorch would open it. ' +
      'What was not decoded — possibly a pickle that runs code when loaded — was not examined, and a damaged stream is no ' +
      'protection: Python decompresses and unpickles as it goes, so a payload before the damage still runs. Attackers use ' +
      'such files because many scanners skip what they cannot open.',
    remediation:
      'Do not load it. Decompress the file in a sandbox and scan the result (`7z x model.7z && mlwarden scan model.pt`), or ' +
      're-pack it without a password and with a coder mlwarden reads (7z LZMA/LZMA2, the default), or with gzip/bzip2/xz. A ' +
      'corrupt or truncated stream should be replaced from its source. For a legitimate model cut by a limit, raise the limit named in the ' +
      'finding (`limits:` in mlwarden.config.yaml, e.g. `maxEntryBytes: 4GiB`) and scan again: memory stays bounded, the scan takes longer.',
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
