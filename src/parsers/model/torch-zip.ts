// Recognises PyTorch zip checkpoints (`<any top folder>/data.pkl`), TorchScript archives
// (`constants.pkl`, `code/`) and NumPy .npz files from the central directory alone: tensor payloads
// are never read. The engine expands the zip separately, so data.pkl reaches the pickle rules as a
// member entry; this parser adds what only the container shows: local/central header disagreement
// (PyTorch's reader trusts the central directory, other tools the local headers), duplicate names,
// bytes before the archive, and the inventory record.
import { readZip, readLocalHeader, type ZipMember } from '../zip/zip-reader.js';
import { errorMessage } from '../../core/errors.js';
import type { Parser } from '../../core/types.js';

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
}

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
    for (const m of toCheck) {
      ctx.checkTime();
      try {
        const local = await readLocalHeader(entry.source, m);
        if (local.mismatches.length) model.mismatches.push({ member: m.name, problems: local.mismatches });
      } catch (e) {
        model.mismatches.push({ member: m.name, problems: [errorMessage(e)] });
      }
    }
    return model;
  },
};
