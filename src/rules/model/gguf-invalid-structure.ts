import type { Rule, Severity } from '../../core/types.js';
import { ggufParser, type GgufIssueCode, type GgufModel } from '../../parsers/gguf/gguf.js';
import { recordModel } from './inventory.js';

// Counts and lengths that cannot be true are how memory-corruption bugs in GGUF loaders were
// triggered (CVE-2024-21802 and CVE-2025-53630, heap overflows in gguf_init_from_file); they also stop this
// scan before the chat template and tensors were seen, so they are never a quiet pass.
export const GGUF_ISSUES: Record<GgufIssueCode, Severity> = {
  'count-too-large': 'high',
  'length-too-large': 'high',
  'tensor-outside-file': 'high',
  'tensor-overlap': 'high',
  'bad-value-type': 'high',
  'bad-tensor-info': 'high',
  truncated: 'medium',
  'bad-version': 'medium',
  'duplicate-key': 'medium',
  'bad-alignment': 'medium',
};

const rule: Rule<GgufModel> = {
  meta: {
    id: 'model/gguf-invalid-structure',
    title: 'GGUF header, metadata or tensor table is malformed',
    severity: 'high',
    description:
      'A GGUF file declares counts and lengths for its metadata and tensors. Values that run past the end of the file, element types ' +
      'that do not exist, more than four dimensions, or tensors that overlap or lie outside the data section are not produced by llama.cpp ' +
      'or the `gguf` Python writer: they are the inputs used against memory-safety bugs in GGUF loaders (heap overflows in ' +
      '`gguf_init_from_file`: CVE-2024-21802, CVE-2025-53630), and they stop analysis before the rest of the metadata (including the chat template) is seen.',
    remediation:
      'Do not load this file. Re-download it from a trusted source and compare its hash, or re-convert the model with llama.cpp\'s ' +
      '`convert_hf_to_gguf.py`; keep llama.cpp and its bindings up to date.',
    references: [
      'https://github.com/ggml-org/ggml/blob/master/docs/gguf.md',
      'https://nvd.nist.gov/vuln/detail/CVE-2024-21802',
      'https://nvd.nist.gov/vuln/detail/CVE-2025-53630',
      'https://atlas.mitre.org/techniques/AML.T0010',
    ],
    tags: ['model', 'gguf', 'integrity', 'memory-safety'],
  },
  parser: ggufParser,
  async check(model, ctx) {
    const arch = model.metadata.get('general.architecture')?.value;
    await recordModel(ctx, {
      format: 'gguf',
      framework: 'llama.cpp',
      tensors: model.tensorCount,
      ...(typeof arch === 'string' ? { architecture: arch.slice(0, 100) } : {}),
      ggufVersion: model.version,
    });
    for (const issue of model.issues) {
      ctx.report({
        message: model.complete ? issue.message : `${issue.message}; the rest of the file was not analysed`,
        severity: GGUF_ISSUES[issue.code],
        key: `${issue.code}:${issue.key ?? ''}`,
        properties: { issue: issue.code },
      });
    }
  },
};
export default rule;
