import type { Rule, Severity } from '../../core/types.js';
import { safetensorsParser, type SafetensorsIssueCode, type SafetensorsModel } from '../../parsers/safetensors/safetensors.js';
import { recordModel } from './inventory.js';

// Header problems, by what they let an attacker do. A header two loaders read differently (duplicate
// keys, NUL padding) is a parser differential: the scanner and the victim see different models.
export const HEADER_ISSUES: Partial<Record<SafetensorsIssueCode, Severity>> = {
  'duplicate-key': 'high',
  'header-length-too-large': 'high',
  'header-beyond-file': 'high',
  'header-length-too-small': 'medium',
  'header-not-utf8': 'medium',
  'header-invalid-json': 'medium',
  'header-not-object': 'medium',
  'header-trailing-bytes': 'medium',
  'header-too-deep': 'medium',
  'metadata-not-object': 'medium',
  'metadata-not-string': 'medium',
};

const rule: Rule<SafetensorsModel> = {
  meta: {
    id: 'model/safetensors-invalid-header',
    title: 'safetensors header is malformed or ambiguous',
    severity: 'high',
    description:
      'safetensors is the safe model format because its header is plain JSON with a strict layout. A header whose length lies about the ' +
      'file, that is not valid UTF-8 JSON, that repeats a key (JSON loaders disagree on which copy wins, so a scanner and a loader can see ' +
      'two different tensor tables) or whose `__metadata__` holds non-string values is not something the reference loader produced. Such ' +
      'files are either corrupt or crafted to make tools disagree about their contents; a file that is "safetensors" only by name may also ' +
      'hide another format (a pickle) that a fallback loader will run.',
    remediation:
      'Re-export the model with the `safetensors` library (`save_file`) from a trusted checkpoint, and load only with the reference loader, ' +
      'which rejects these files. Do not use hand-rolled safetensors readers on untrusted files.',
    references: [
      'https://github.com/huggingface/safetensors#format',
      'https://huggingface.co/docs/safetensors/index',
      'https://atlas.mitre.org/techniques/AML.T0010',
    ],
    tags: ['model', 'safetensors', 'integrity'],
  },
  parser: safetensorsParser,
  async check(model, ctx) {
    await recordModel(ctx, { format: 'safetensors', framework: guessFramework(model), tensors: model.tensors.length });
    for (const issue of model.issues) {
      const severity = HEADER_ISSUES[issue.code];
      if (!severity) continue;
      ctx.report({
        message: issue.message,
        severity,
        key: `${issue.code}:${issue.tensor ?? issue.jsonPointer ?? ''}`,
        ...(issue.jsonPointer ? { location: { jsonPointer: issue.jsonPointer } } : {}),
        properties: { issue: issue.code },
      });
    }
  },
};

/** `__metadata__.format` is what transformers writes ("pt", "tf", "flax", "mlx"). */
function guessFramework(model: SafetensorsModel): string | undefined {
  const f = model.metadata?.format;
  const known: Record<string, string> = { pt: 'pytorch', tf: 'tensorflow', flax: 'flax', np: 'numpy', mlx: 'mlx' };
  return typeof f === 'string' ? (known[f] ?? f.slice(0, 40)) : undefined;
}

export default rule;
