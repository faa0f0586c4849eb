import type { Rule, Severity } from '../../core/types.js';
import { allStreams, pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import { verdictFor, dangerFor, maxSeverity } from './pickle-verdict.js';
import { importText, PICKLE_REFS, PICKLE_REMEDIATION, where } from './pickle-common.js';

// Names a scanner cannot vet by reading them: STACK_GLOBAL operands computed at load time, dotted
// names that walk attributes (`pathlib` + `os.system`), EXT opcodes (copyreg registry: fail closed),
// calls on values computed at load time (`getattr(mod, 'system')(...)`), and BUILD planting
// attributes on imported objects (modelscan #85). Each is how a published evasion hid its payload.
const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/pickle-indirect-reference',
    title: 'Pickle reaches a callable indirectly (computed name, attribute walk, extension code)',
    severity: 'high',
    description:
      'The pickle builds the name of what it imports or calls at load time instead of naming it: STACK_GLOBAL on values that are ' +
      'not plain strings, a dotted name that walks attributes from an innocent module to a dangerous one, an EXT1/EXT2/EXT4 ' +
      'extension code resolved through the loader’s copyreg registry, a call on the result of another call, or a BUILD that sets ' +
      'attributes on an imported module-level object. Real checkpoints never need these; scanner evasions do.',
    remediation: PICKLE_REMEDIATION,
    references: [...PICKLE_REFS, 'https://github.com/protectai/modelscan/issues/85', 'https://github.com/mmaitre314/picklescan/issues/66'],
    tags: ['model', 'pickle', 'evasion', 'code-execution'],
  },
  parser: pickleParser,
  check(model, ctx) {
    for (const { stream, where: w } of allStreams(model)) {
      for (const imp of stream.imports) {
        const v = verdictFor(imp);
        if (v.kind !== 'opaque') continue;
        ctx.report({
          message: `${importText(imp)} — ${v.reason}${where(w)}`,
          severity: v.severity,
          evidence: imp.qual,
          key: `import:${imp.qual}`,
          location: { byteOffset: model.pickleOffset + imp.offset },
          properties: { global: imp.qual, computed: imp.computed, dotted: imp.dotted, via: imp.via },
        });
      }
      for (const call of stream.calls) {
        let severity: Severity = 'high';
        for (const r of call.roots) {
          const v = verdictFor(r);
          const d = v.kind === 'dangerous' ? v.entry : dangerFor(r.module, r.name)?.entry;
          // Calling the result of getattr/import_module/resolve_name, or a function rebuilt from bytecode: code runs now.
          if (v.kind === 'opaque' || (d && (d.category !== 'code' || d.makesCallable))) severity = maxSeverity(severity, 'critical');
        }
        ctx.report({
          message: `${call.op} calls a value computed at load time: ${call.callee}${call.args} at byte ${call.offset}${where(w)}`,
          severity,
          evidence: `${call.callee}${call.args}`,
          key: `call:${call.callee}`,
          location: { byteOffset: model.pickleOffset + call.offset },
          properties: { callee: call.callee, roots: call.roots.map((r) => r.qual) },
        });
      }
      for (const is of stream.issues) {
        if (is.kind !== 'build-on-global') continue;
        ctx.report({
          message: `${is.message} at byte ${is.offset}${where(w)}`,
          evidence: is.message,
          key: `build:${is.message}`,
          location: { byteOffset: model.pickleOffset + is.offset },
        });
      }
    }
  },
};
export default rule;
