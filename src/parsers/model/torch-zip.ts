// Recognises PyTorch zip checkpoints (`<any top folder>/data.pkl`), TorchScript archives
// (`constants.pkl`, `code/`) and NumPy .npz files from the central directory alone: tensor payloads
// are never read. The engine expands the zip separately, so data.pkl reaches the pickle rules as a
// member entry; this parser adds what only the container shows: local/central header disagreement
// (PyTorch's reader trusts the central directory, other tools the local headers), duplicate names,
// bytes before the archive, and the inventory record.
import { readZip, readLocalHeader, type ZipMember } from '../../io/zip/zip-reader.js';
import { crc32Of, handOverMember } from '../../io/zip/zip-crc.js';
import { openZipMember } from '../../io/zip/open-member.js';
import { ArchiveBudget } from '../../core/limits.js';
import { errorMessage } from '../../core/errors.js';
import type { ByteSource, Entry, ParseContext, Parser } from '../../core/types.js';
import { DecompressingSource, InflatedSource, DECOMPRESS_HEAD, DECOMPRESS_WINDOW } from '../../io/sources.js';

export interface TorchZipModel {
  kind: 'pytorch' | 'torchscript' | 'npz' | 'other';
  /** Top folder of a PyTorch archive (any name is legal). */
  top?: string;
  members: number;
  tensors: number;
  pickles: string[];
  /** Where the archive's own headers disagree, per member. */
  mismatches: Array<{ member: string; problems: string[] }>;
  duplicates: string[];
  prefixBytes: number;
  /**
   * CRC-32 checks of the members a loader parses (pickles, TorchScript code, version/byteorder),
   * never of tensor payloads: declared (central directory) vs computed, and the local header's.
   */
  crc: Array<{ member: string; declared: number; actual: number; local?: number }>;
  /**
   * Compressed pickles too large to hold decoded: handed unread to the archive expansion, whose
   * pickle pass computes their CRC as it decodes (no second decompression); judged when the scan
   * ends (torch-zip-crc-mismatch `finish`), decoded then only if nothing read them to the end.
   */
  crcPending: Array<{ member: string; declared: number; local?: number; source: DecompressingSource }>;
  /** Checked members whose declared CRC is 0 (torch.save with compute_crc32=False writes 0 everywhere). */
  zeroCrc: number;
  /** Checked members with a non-zero declared CRC. */
  realCrc: number;
}

/** Members PyTorch / TorchScript loaders parse (and so mlwarden reads anyway): CRC-checked. */
const CRC_CHECKED = /(^|\/)(data\.pkl|constants\.pkl|[^/]*\.debug_pkl|version|\.format_version|byteorder|\.data\/version|\.data\/serialization_id)$|(^|\/)code\/.*\.py$/;
const MAX_CRC_MEMBER = 64 * 1024 * 1024;
const MAX_CRC_CHECKS = 512;
/** Pickle members whose decoded bytes the CRC check holds whole are handed to the archive expansion (up to this much in all). */
const MAX_HANDED_BYTES = 32 * 1024 * 1024;
const PICKLE_MEMBER = /(^|\/)((data|constants)\.pkl|[^/]*\.debug_pkl)$/;

const DATA_PKL = /^(?:(.*)\/)?data\.pkl$/;
const MAX_HEADER_CHECKS = 256;

export const torchZipParser: Parser<TorchZipModel> = {
  id: 'torch-zip',
  accepts(entry) {
    return entry.type.kind === 'zip';
  },
  async parse(entry, ctx) {
    const zip = await readZip(entry.source, ctx.limits.maxArchiveMembers);
    const files = zip.members.filter((m) => !m.isDirectory);
    const pickles = files.filter((m) => /(^|\/)(data|constants)\.pkl$/.test(m.name));
    const dataPkl = files.find((m) => DATA_PKL.test(m.name));
    const isScript = files.some((m) => /(^|\/)constants\.pkl$/.test(m.name)) && files.some((m) => /(^|\/)code\//.test(m.name));
    const isNpz = files.length > 0 && files.every((m) => m.name.endsWith('.npy'));
    const kind: TorchZipModel['kind'] = isScript ? 'torchscript' : dataPkl ? 'pytorch' : isNpz ? 'npz' : 'other';
    const model: TorchZipModel = {
      kind,
      members: zip.members.length,
      tensors: isNpz ? files.length : files.filter((m) => /(^|\/)data\/\d+$/.test(m.name)).length,
      pickles: pickles.map((m) => m.name),
      mismatches: [],
      duplicates: [],
      prefixBytes: zip.prefixBytes,
      crc: [],
      crcPending: [],
      zeroCrc: 0,
      realCrc: 0,
    };
    if (dataPkl) model.top = DATA_PKL.exec(dataPkl.name)?.[1] ?? '';
    if (kind === 'other') return model;
    const seen = new Set<string>();
    for (const m of files) {
      if (seen.has(m.name)) model.duplicates.push(m.name);
      seen.add(m.name);
    }
    // Check every pickle member, and the first members otherwise (a tensor count can be huge).
    const toCheck: ZipMember[] = [...pickles, ...files.filter((m) => !pickles.includes(m)).slice(0, MAX_HEADER_CHECKS)];
    const locals = new Map<ZipMember, number>();
    for (const m of toCheck) {
      ctx.checkTime();
      try {
        const local = await readLocalHeader(entry.source, m);
        if (local.mismatches.length) model.mismatches.push({ member: m.name, problems: local.mismatches });
        if (!local.hasDescriptor || local.crc32 !== 0) locals.set(m, local.crc32);
      } catch (e) {
        model.mismatches.push({ member: m.name, problems: [errorMessage(e)] });
      }
    }
    // Members are handed to the archive expansion only when it will run: an archive nested past
    // maxArchiveDepth is never expanded, so what it was handed would stay held until the scan ends.
    const expands = entry.depth < ctx.limits.maxArchiveDepth;
    if (kind === 'pytorch' || kind === 'torchscript') await checkCrcs(entry.source, files, locals, model, ctx, `${entry.path}${entry.innerPath ? `!${entry.innerPath}` : ''}`, expands);
    return model;
  },
};

/**
 * PyTorch builds miniz with MINIZ_DISABLE_ZIP_READER_CRC32_CHECKS: torch.load never checks a CRC,
 * while Python's zipfile raises BadZipFile on a mismatch. A wrong CRC on a member the loader parses
 * lets a checkpoint load in torch yet make zipfile-based scanners error out and skip it.
 */
async function checkCrcs(src: Entry['source'], files: ZipMember[], locals: Map<ZipMember, number>, model: TorchZipModel, ctx: ParseContext, label: string, expands: boolean): Promise<void> {
  const budget = new ArchiveBudget(ctx.limits);
  let n = 0;
  let handedBytes = 0;
  for (const m of files) {
    if (!CRC_CHECKED.test(m.name) || m.uncompressedSize > MAX_CRC_MEMBER || m.encrypted) continue;
    if (++n > MAX_CRC_CHECKS) break;
    ctx.checkTime();
    if (m.crc32 === 0) model.zeroCrc++;
    else model.realCrc++;
    let actual: number;
    let source: ByteSource | undefined;
    const local = locals.get(m);
    try {
      source = await openZipMember(src, m, { limits: ctx.limits, budget }, `${label}!${m.name}`);
      if (expands && source instanceof DecompressingSource && PICKLE_MEMBER.test(m.name) && m.uncompressedSize > DECOMPRESS_HEAD + DECOMPRESS_WINDOW && source.trackCrc()) {
        handOverMember(src, m, source);
        model.crcPending.push({ member: m.name, declared: m.crc32, ...(local !== undefined ? { local } : {}), source });
        continue;
      }
      actual = (await crc32Of(source, MAX_CRC_MEMBER, `${label}!${m.name}`)).crc;
    } catch {
      await source?.close?.();
      continue; // unreadable members are reported when the engine expands the archive
    }
    // A compressed pickle the CRC pass decoded and still holds whole goes on to the archive
    // expansion, so the pickle rules read it without decompressing it a second time.
    const held = source instanceof DecompressingSource ? (source.holdsAll ? source.size : -1) : source instanceof InflatedSource ? source.size : -1;
    if (expands && held >= 0 && PICKLE_MEMBER.test(m.name) && handedBytes + held <= MAX_HANDED_BYTES) {
      handedBytes += held;
      handOverMember(src, m, source);
    } else if (source instanceof DecompressingSource || source instanceof InflatedSource) await source.close();
    if (actual !== m.crc32 || (local !== undefined && local !== m.crc32)) {
      model.crc.push({ member: m.name, declared: m.crc32, actual, ...(local !== undefined && local !== m.crc32 ? { local } : {}) });
    }
  }
}
