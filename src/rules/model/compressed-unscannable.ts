import type { CoverageGap, ReportInput, Rule } from '../../core/types.js';
import { isModelFileName } from '../../knowledge/model-files.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { PICKLE_REFS } from './pickle-common.js';

// Fail closed: a model file mlwarden could not fully decompress is never called clean. gzip, bzip2,
// xz, zstd, zlib, .lzma and LZ4 wrappers and 7z archives are opened and scanned; what remains is a
// 7z member or header whose coder mlwarden cannot decode (7zAES, PPMd, BCJ2, ...), any wrapper
// whose stream is corrupt or truncated, and a zip-based model in a compressed stream whose
// directory lies past a limit. The archive target reports those as coverage gaps (gap below); the
// pickle parser reports zlib/lzma/lz4 ones in its model (check below). Under a name that is not a
// model's, a gap stays the engine's medium scan/unreadable or scan/limit-exceeded.

/** Limits a user can raise in config (`limits:`), as LimitExceededError names them. */
const CONFIG_LIMITS = new Set(['maxEntryBytes', 'maxArchiveTotalBytes', 'maxCompressionRatio']);

function judge(gap: CoverageGap): ReportInput | undefined {
  switch (gap.cause) {
    case 'corrupt-stream':
      if (!isModelFileName(gap.name)) return undefined;
      return {
        message: `${gap.codec} stream of this model file is corrupt or truncated: the model inside could not be fully decompressed; what decoded before the damage is scanned as a '.partial' member (${gap.detail})`,
        key: `codec:${gap.codec}:corrupt`,
        evidence: gap.codec,
      };
    case 'zip-directory-limit':
      // A corrupt directory is unreadable for PyTorch too (scan/unreadable alone); one past a limit
      // is not: a loader would open it, nothing in it was examined.
      if (!isModelFileName(gap.name)) return undefined;
      return {
        message: CONFIG_LIMITS.has(gap.limit)
          ? `model file inside a compressed stream: its zip directory lies past a decompression limit, so the model inside (its pickle) was not examined; if the file is legitimate, raise limits.${gap.limit} and scan again (${gap.detail})`
          : `the zip directory of this model file could not be read within mlwarden's limits, so the model inside (its pickle) was not examined (${gap.detail})`,
        key: 'limit:zip-directory',
        evidence: gap.limit,
      };
    case '7z-undecodable': {
      const modelNamed = (name: string) => isModelFileName(name.replace(/\.7z$/i, ''));
      if (!modelNamed(gap.name) && !(gap.member && modelNamed(gap.member))) return undefined;
      const what = gap.member ? `7z member '${gap.member}'` : 'this 7z archive';
      return {
        message: gap.coder
          ? /7zAES/.test(gap.coder)
            ? `${what} is password-protected (7zAES): the model inside was not examined`
            : `${what} uses the 7z coder ${gap.coder}, which mlwarden cannot decode: the model inside was not examined`
          : `${what} could not be decoded (${gap.detail}): the model inside was not examined`,
        key: `codec:7z${gap.coder ? ':' + gap.coder : ''}`,
        evidence: gap.coder ?? '7z',
      };
    }
  }
}

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
  gap(gap, ctx) {
    const finding = judge(gap);
    if (finding) ctx.report(finding);
  },
};
export default rule;
