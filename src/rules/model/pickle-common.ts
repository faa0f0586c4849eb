// Shared wording and helpers for the pickle rules: references, messages, inventory records.
import { createHash } from 'node:crypto';
import type { RuleContext } from '../../core/types.js';
import type { ImportRecord } from '../../parsers/pickle/machine.js';
import type { PickleFileModel } from '../../parsers/pickle/parser.js';

export const PICKLE_REFS = [
  'https://docs.python.org/3/library/pickle.html',
  'https://cwe.mitre.org/data/definitions/502.html',
  'https://atlas.mitre.org/techniques/AML.T0011.000',
  'https://atlas.mitre.org/techniques/AML.T0010.003',
];

export const PICKLE_REMEDIATION =
  'Do not load this file with pickle, torch.load(weights_only=False), joblib.load or numpy.load(allow_pickle=True). ' +
  'Get the model from a trusted source, or convert it to a format that cannot run code (safetensors, ONNX, GGUF, plain JSON config) ' +
  'in an isolated sandbox. For PyTorch use torch.load(..., weights_only=True).';

export function where(w: string): string {
  return w ? ` (${w})` : '';
}

export function importText(imp: ImportRecord): string {
  const how = imp.called ? `called${imp.calls > 1 ? ` ${imp.calls} times` : ''}${imp.samples[0] ? ` with ${imp.samples[0]}` : ''}` : imp.passed ? 'passed to another call' : 'imported, not called in the stream';
  return `${imp.qual} via ${imp.via} at byte ${imp.offset}: ${how}`;
}

/** The entry's model-inventory record (once per recognised model file). */
export async function inventoryPickle(model: PickleFileModel, ctx: RuleContext): Promise<void> {
  if (!model.inventory || (model.kind !== 'pickle' && model.kind !== 'npy' && model.kind !== 'unscannable')) return;
  const e = ctx.entry;
  let tensors: number | undefined;
  if (model.kind === 'npy') tensors = 1;
  else if (model.analysis) {
    let n = 0;
    for (const s of model.analysis.streams) for (const i of s.imports) if (i.qual.startsWith('torch._utils._rebuild_tensor') || i.qual.startsWith('torch._utils._rebuild_parameter')) n = Math.max(n, i.calls);
    if (n) tensors = n;
  }
  const record: Record<string, unknown> = {
    kind: 'model',
    path: e.path,
    ...(e.innerPath ? { innerPath: e.innerPath } : {}),
    format: model.wrapper ? `${model.format}+${model.wrapper}` : model.unscannable ? `${model.unscannable.codec}-compressed` : model.format,
    framework: model.framework ?? (model.format === 'pytorch-legacy' ? 'pytorch' : 'unknown'),
    size: e.size,
    ...(tensors !== undefined ? { tensors } : {}),
  };
  if (ctx.options.hash === true && e.kind === 'file') {
    const h = createHash('sha256');
    for await (const c of e.source.stream(0)) h.update(c);
    record.sha256 = h.digest('hex');
  }
  ctx.inventory(record as { kind: string; path: string });
}
