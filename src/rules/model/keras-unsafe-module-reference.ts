import type { Rule, Severity } from '../../core/types.js';
import { kerasParser, type KerasModel, type KerasObjectRef } from '../../parsers/keras/keras.js';
import { DANGEROUS_KERAS_NAMES, isDangerousModule, isKerasModule } from './keras-references.js';

interface Verdict {
  severity: Severity;
  why: string;
}

export function judgeReference(ref: KerasObjectRef): Verdict | undefined {
  const fn = ref.className === 'function' ? ref.configString : undefined;
  const name = fn ?? ref.className ?? '';
  const target = ref.module ? `${ref.module}.${name}` : name;
  // Keras-internal gadgets: judged by name, whatever keras submodule they are reached through.
  const gadget = DANGEROUS_KERAS_NAMES[name] ?? (ref.registeredName ? DANGEROUS_KERAS_NAMES[ref.registeredName.split('>').pop()!] : undefined);
  if (gadget && (!ref.module || isKerasModule(ref.module))) return { severity: name === 'TFSMLayer' ? 'high' : 'critical', why: `${target} ${gadget}` };
  if (!ref.module) return undefined;
  if (isKerasModule(ref.module)) return undefined;
  if (isDangerousModule(ref.module)) return { severity: 'critical', why: `imports ${target} from a system module: loading the model ${fn ? 'resolves the function' : 'instantiates the class'} (module injection, CVE-2025-1550)` };
  if (fn) return { severity: 'high', why: `references function ${target} outside Keras: loading the model imports module '${ref.module}' and returns the function to be called` };
  return { severity: 'medium', why: `references class ${target} outside Keras: loading the model imports module '${ref.module}' (a custom layer, or module injection)` };
}

const rule: Rule<KerasModel> = {
  meta: {
    id: 'model/keras-unsafe-module-reference',
    title: 'Keras config imports a module or function outside Keras',
    severity: 'high',
    description:
      'Every object in a Keras config names the module its class comes from. On load, Keras imports that module and calls the class\'s ' +
      '`from_config`, or for `"class_name": "function"` returns the named function to be called. Before Keras 3.9 this worked for any ' +
      'module even in safe mode (CVE-2025-1550): a config naming `os`/`subprocess`/`builtins` runs commands on load. Later versions only ' +
      'follow modules inside Keras, where gadgets still exist (`keras.utils.get_file` downloads and writes files, CVE-2025-8747; `TFSMLayer` ' +
      'loads an external SavedModel). Custom layers from your own package are normal but are imported too: they are reported at medium ' +
      'so that you know which code the model pulls in.',
    remediation:
      'Do not load the model if it references system modules or Keras loading gadgets; upgrade Keras to 3.11 or later and keep ' +
      '`safe_mode=True`. For custom layers, make sure the named module is your own reviewed code and pass it via `custom_objects`.',
    references: [
      'https://nvd.nist.gov/vuln/detail/CVE-2025-1550',
      'https://nvd.nist.gov/vuln/detail/CVE-2025-8747',
      'https://keras.io/guides/serialization_and_saving/',
      'https://atlas.mitre.org/techniques/AML.T0011',
    ],
    tags: ['model', 'keras', 'code-execution', 'module-injection'],
  },
  parser: kerasParser,
  check(model, ctx) {
    for (const ref of model.refs) {
      const v = judgeReference(ref);
      if (!v) continue;
      ctx.report({
        message: `${ref.document} at ${ref.jsonPointer} ${v.why}`,
        severity: v.severity,
        evidence: JSON.stringify({ module: ref.module, class_name: ref.className, ...(ref.configString ? { config: ref.configString.slice(0, 100) } : {}), ...(ref.registeredName ? { registered_name: ref.registeredName } : {}) }).slice(0, 400),
        key: `${ref.document}:${ref.module ?? ''}:${ref.className ?? ''}:${ref.configString ?? ''}`,
        location: { jsonPointer: ref.jsonPointer, ...(model.configMember ? { innerPath: model.configMember } : {}) },
        properties: { module: ref.module, className: ref.className, function: ref.configString, document: ref.document },
      });
    }
  },
};
export default rule;
