import type { ReportInput, Rule } from '../../core/types.js';
import { crc32Of, releaseChain } from '../../io/zip/zip-crc.js';
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
      const f = judge(c, crcsOff);
      if (f) ctx.report(f);
    }
    // Large compressed pickles: their CRC comes from the pickle rules' own decoding pass, known
    // once the engine has scanned the member (after this check): judged in `finish`.
    if (model.crcPending.length) {
      let pending = ctx.state.get(PENDING) as Pending[] | undefined;
      if (!pending) ctx.state.set(PENDING, (pending = []));
      const inner = ctx.entry.innerPath;
      for (const p of model.crcPending) pending.push({ ...p, crcsOff, path: ctx.entry.path, ...(inner ? { prefix: inner } : {}) });
    }
  },
  async finish(ctx) {
    const pending = (ctx.state.get(PENDING) as Pending[] | undefined) ?? [];
    ctx.state.delete(PENDING);
    let fallback = MAX_FALLBACK_BYTES;
    for (const p of pending) {
      let actual = p.source.crc32;
      if (actual === undefined && !p.source.error && fallback > 0) {
        // Nothing read it to its end (a pickle that stopped early, an archive not expanded): decode
        // it now, within a per-scan allowance.
        try {
          const r = await crc32Of(p.source, Math.min(fallback, MAX_CRC_MEMBER), `${p.path}!${p.member}`);
          fallback -= r.size;
          actual = r.crc;
        } catch {
          fallback = 0;
        } finally {
          await releaseChain(p.source);
        }
      }
      if (actual === undefined) continue;
      const f = judge({ member: p.member, declared: p.declared, actual, ...(p.local !== undefined && p.local !== p.declared ? { local: p.local } : {}) }, p.crcsOff);
      if (f) ctx.report({ path: p.path, innerPath: p.prefix ? `${p.prefix}!${p.member}` : p.member }, { ...f, location: {} });
    }
  },
};

const PENDING = 'pending';
/** Decoding left for `finish` (members nothing read to the end), per scan. */
const MAX_FALLBACK_BYTES = 256 * 1024 * 1024;
const MAX_CRC_MEMBER = 64 * 1024 * 1024;

type Pending = TorchZipModel['crcPending'][number] & { crcsOff: boolean; path: string; prefix?: string };

function judge(c: { member: string; declared: number; actual: number; local?: number }, crcsOff: boolean): ReportInput | undefined {
  if (c.declared === 0 && crcsOff && c.local === undefined) return undefined;
  const problems: string[] = [];
  if (c.actual !== c.declared) problems.push(`central directory CRC-32 ${hex(c.declared)}, bytes give ${hex(c.actual)}`);
  if (c.local !== undefined) problems.push(`local header CRC-32 ${hex(c.local)} differs from central ${hex(c.declared)}`);
  if (problems.length === 0) return undefined;
  const pickle = /\.pkl$|\.debug_pkl$/.test(c.member);
  return {
    message: `member '${c.member}': ${problems.join('; ')} — torch loads it anyway, zipfile-based tools reject it`,
    evidence: problems[0],
    key: `crc:${c.member}`,
    location: { innerPath: c.member },
    // A wrong CRC on a version/byteorder record is damage or tampering, not a hidden pickle.
    ...(pickle || c.member.includes('/code/') || c.member.startsWith('code/') ? {} : { severity: 'medium' as const }),
    properties: { declared: hex(c.declared), actual: hex(c.actual), ...(c.local !== undefined ? { local: hex(c.local) } : {}) },
  };
}
export default rule;
