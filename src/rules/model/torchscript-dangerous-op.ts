import type { Rule } from '../../core/types.js';
import { torchscriptCodeParser, type TorchScriptCodeModel } from '../../parsers/model/torchscript-code.js';
import { PICKLE_REFS } from './pickle-common.js';

// TorchScript archives are programs: torch.jit.load compiles code/**.py and runs __setstate__
// methods while loading; forward() runs on first use. File, network and native-library operations
// in that code are reported with the member, line and method (data: src/parsers/model/torchscript-ops.ts).
const LOAD_TIME = new Set(['__setstate__']);

const rule: Rule<TorchScriptCodeModel> = {
  meta: {
    id: 'model/torchscript-dangerous-op',
    title: 'TorchScript model code touches files, the network or unseen native code',
    severity: 'high',
    description:
      'A TorchScript archive (torch.jit.save) stores its program as source in code/**.py, which torch.jit.load compiles and runs: ' +
      '__setstate__ methods run while the model is loading, forward() on first use. The code here calls an operation that reaches ' +
      'outside the model — torch.save (aten::save, writes a file), torch.from_file (aten::from_file, reads or maps a file), ' +
      'torch.distributed.rpc calls — or an operator / custom class from a native library that is not part of PyTorch (it must be ' +
      'loaded with torch.ops.load_library, and its code is not in the archive). Real exported models do not do file or network ' +
      'I/O in their graph. In PyTorch <= 2.5.1, torch.load(weights_only=True) also loaded TorchScript archives this way ' +
      '(CVE-2025-32434). Severity: critical when the call is in __setstate__ (runs on load), high for file and network ' +
      'operations elsewhere, medium for third-party native operators and classes.',
    remediation:
      'Do not load the archive with torch.jit.load (or torch.load on PyTorch <= 2.5.1) outside a sandbox. Inspect the reported ' +
      'code/ member; re-export the model from its source, or distribute weights as safetensors plus code you review. Upgrade ' +
      'PyTorch to 2.6 or later.',
    references: [
      ...PICKLE_REFS,
      'https://nvd.nist.gov/vuln/detail/CVE-2025-32434',
      'https://github.com/pytorch/pytorch/blob/main/SECURITY.md',
      'https://pytorch.org/docs/stable/jit.html',
    ],
    tags: ['model', 'pytorch', 'torchscript', 'code-execution'],
  },
  parser: torchscriptCodeParser,
  check(model, ctx) {
    if (!model.torchscript) return;
    for (const h of model.hits) {
      const onLoad = h.method !== undefined && LOAD_TIME.has(h.method);
      const native = h.kind === 'custom-op' || h.kind === 'custom-class';
      const where = h.method ? ` in ${h.method}()${onLoad ? ', which runs while torch.jit.load restores the module' : ''}` : '';
      ctx.report({
        message: `${h.call}${where}: ${h.effect}`,
        evidence: h.call,
        key: `${h.member}:${h.method ?? ''}:${h.call}`,
        location: { innerPath: h.member, line: h.line },
        severity: onLoad && !native ? 'critical' : native ? 'medium' : 'high',
        properties: { kind: h.kind, ...(h.method ? { method: h.method } : {}) },
      });
    }
  },
};
export default rule;
