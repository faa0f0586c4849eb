import { createHash } from 'node:crypto';
import type { Rule } from '../../core/types.js';
import { torchZipParser, type TorchZipModel } from '../../parsers/model/torch-zip.js';
import { PICKLE_REFS } from './pickle-common.js';

// PyTorch's loader reads members through the central directory and tolerates bad CRCs; Python's
// zipfile and many scanners read local headers. When the two disagree (name, method, size,
// duplicate names), each tool unpacks a different file from the same bytes. Also the inventory
// record for PyTorch, TorchScript and NumPy .npz archives.
const FORMAT: Record<TorchZipModel['kind'], string> = { pytorch: 'pytorch-zip', torchscript: 'torchscript', npz: 'numpy-npz', other: 'zip' };

const rule: Rule<TorchZipModel> = {
  meta: {
    id: 'model/torch-zip-header-mismatch',
    title: 'Model archive headers disagree (local vs central directory)',
    severity: 'high',
    description:
      'In this PyTorch/TorchScript/NumPy zip archive a member’s local header disagrees with the central directory (name, ' +
      'compression method, size), a member name appears twice, or bytes precede the archive. PyTorch reads the central directory; ' +
      'other tools read local headers or the first duplicate — so a scanner can be shown a clean data.pkl while the loader gets ' +
      'another. Real producers never write this.',
    remediation: 'Do not load the file. Re-export the checkpoint from its source with torch.save / numpy.savez and compare hashes with the publisher’s.',
    references: [...PICKLE_REFS, 'https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT'],
    tags: ['model', 'pytorch', 'zip', 'evasion'],
  },
  parser: torchZipParser,
  async check(model, ctx) {
    if (model.kind === 'other') return;
    const e = ctx.entry;
    const record: Record<string, unknown> = {
      kind: 'model',
      path: e.path,
      ...(e.innerPath ? { innerPath: e.innerPath } : {}),
      format: FORMAT[model.kind],
      framework: model.kind === 'npz' ? 'numpy' : 'pytorch',
      size: e.size,
      tensors: model.tensors,
    };
    if (ctx.options.hash === true && e.kind === 'file') {
      const h = createHash('sha256');
      for await (const c of e.source.stream(0)) h.update(c);
      record.sha256 = h.digest('hex');
    }
    ctx.inventory(record as { kind: string; path: string });
    for (const m of model.mismatches) {
      ctx.report({
        message: `member '${m.member}': ${m.problems.join('; ')}`,
        evidence: m.problems[0],
        key: `mismatch:${m.member}`,
        location: { innerPath: m.member },
      });
    }
    for (const d of new Set(model.duplicates)) ctx.report({ message: `member name '${d}' appears more than once: loaders and scanners may read different copies`, key: `dup:${d}`, evidence: d });
    if (model.prefixBytes > 0 && model.kind !== 'npz') {
      ctx.report({ message: `${model.prefixBytes} bytes precede the archive (the file does not start with a zip header)`, severity: 'medium', key: 'prefix', evidence: String(model.prefixBytes) });
    }
  },
};
export default rule;
