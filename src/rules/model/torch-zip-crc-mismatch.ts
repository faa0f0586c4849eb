import type { Rule } from '../../core/types.js';
import { torchZipParser, type TorchZipModel } from '../../parsers/model/torch-zip.js';
import { PICKLE_REFS } from './pickle-common.js';

// PyTorch compiles miniz with MINIZ_DISABLE_ZIP_READER_CRC32_CHECKS (pytorch/pytorch#28858,
// cmake/Dependencies.cmake): torch.load and torch.jit.load never verify a member's CRC-32. Python's
// zipfile raises BadZipFile ("Bad CRC-32") on read. So a checkpoint whose data.pkl carries a wrong
// CRC still loads in torch while scanners built on zipfile crash, skip the file or report an error
// that users ignore. Real producers write a correct CRC, or (torch >= 2.6 with
// torch.utils.serialization.config.save.compute_crc32 = False) 0 in every member: that is not
// reported. Only members the loader parses are checked (pickles, TorchScript code, version and
// byteorder records), never tensor payloads.
const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

const rule: Rule<TorchZipModel> = {
  meta: {
    id: 'model/torch-zip-crc-mismatch',
    title: 'PyTorch archive member has a wrong CRC-32 (loads in torch, breaks zipfile-based scanners)',
    severity: 'high',
    description:
      'A member that PyTorch parses when loading this checkpoint or TorchScript archive (data.pkl, constants.pkl, *.debug_pkl, ' +
      'code/*.py, version, byteorder) has a CRC-32 that does not match its bytes, or its local header and central directory ' +
      'give different CRCs. PyTorch never checks CRCs (its miniz is built with MINIZ_DISABLE_ZIP_READER_CRC32_CHECKS), so the ' +
      'file loads normally; Python\'s zipfile — and scanners built on it — raise "Bad CRC-32" and may skip the pickle. ' +
      'torch.save writes correct CRCs (or 0 everywhere with compute_crc32=False, which is not reported): a wrong one on a ' +
      'pickle means the archive was edited after saving, a known way to hide a payload from scanners. mlwarden scans the ' +
      'member\'s bytes regardless; see the pickle findings for what it contains.',
    remediation:
      'Do not load the file. Obtain the checkpoint again from its publisher and compare hashes; prefer safetensors for weights. ' +
      'If you produced it, re-save it with torch.save from a trusted environment.',
    references: [
      ...PICKLE_REFS,
      'https://github.com/pytorch/pytorch/pull/28858',
      'https://github.com/pytorch/pytorch/issues/126952',
      'https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT',
    ],
    tags: ['model', 'pytorch', 'zip', 'evasion'],
  },
  parser: torchZipParser,
  check(model, ctx) {
    if (model.kind !== 'pytorch' && model.kind !== 'torchscript') return;
    // compute_crc32=False: every checked member declares 0. A 0 among real CRCs is a mismatch.
    const crcsOff = model.realCrc === 0;
    for (const c of model.crc) {
      if (c.declared === 0 && crcsOff && c.local === undefined) continue;
      const problems: string[] = [];
      if (c.actual !== c.declared) problems.push(`central directory CRC-32 ${hex(c.declared)}, bytes give ${hex(c.actual)}`);
      if (c.local !== undefined) problems.push(`local header CRC-32 ${hex(c.local)} differs from central ${hex(c.declared)}`);
      if (problems.length === 0) continue;
      const pickle = /\.pkl$|\.debug_pkl$/.test(c.member);
      ctx.report({
        message: `member '${c.member}': ${problems.join('; ')} — torch loads it anyway, zipfile-based tools reject it`,
        evidence: problems[0],
        key: `crc:${c.member}`,
        location: { innerPath: c.member },
        // A wrong CRC on a version/byteorder record is damage or tampering, not a hidden pickle.
        ...(pickle || c.member.includes('/code/') || c.member.startsWith('code/') ? {} : { severity: 'medium' as const }),
        properties: { declared: hex(c.declared), actual: hex(c.actual), ...(c.local !== undefined ? { local: hex(c.local) } : {}) },
      });
    }
  },
};
export default rule;
