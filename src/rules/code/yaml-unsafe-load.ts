import type { Rule } from '../../core/types.js';
import { param } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { CWE_502, reportCall, shown, via } from './support.js';

const LOADS = new Set(['yaml.load', 'yaml.load_all']);
/** Loader classes that construct arbitrary Python objects (FullLoader: CVE-2020-14343 before PyYAML 5.4). */
const UNSAFE_LOADERS: Record<string, 'high' | 'medium'> = { Loader: 'high', UnsafeLoader: 'high', CLoader: 'high', CUnsafeLoader: 'high', FullLoader: 'medium', CFullLoader: 'medium' };
const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
const UNSAFE_FUNCS: Record<string, 'high' | 'medium'> = { 'yaml.unsafe_load': 'high', 'yaml.unsafe_load_all': 'high', 'yaml.full_load': 'medium', 'yaml.full_load_all': 'medium' };

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/yaml-unsafe-load',
    title: 'yaml.load without a safe Loader',
    severity: 'high',
    description:
      'PyYAML\'s `Loader`/`UnsafeLoader` (and `yaml.unsafe_load`) build arbitrary Python objects from tags like `!!python/object/apply:os.system`, so a ' +
      'config, dataset card or experiment file from someone else runs code. `FullLoader`/`full_load` was exploitable until PyYAML 5.4 (CVE-2020-14343). ' +
      'Calling `yaml.load` without a Loader used FullLoader in PyYAML 5.1–5.4 and fails from 6.0.',
    remediation: 'Use `yaml.safe_load(...)` or `yaml.load(..., Loader=yaml.SafeLoader)` (`CSafeLoader` for speed).',
    references: ['https://pyyaml.org/wiki/PyYAMLDocumentation', 'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation', 'https://nvd.nist.gov/vuln/detail/CVE-2020-14343', CWE_502],
    tags: ['python', 'yaml', 'deserialization'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      if (!call.qname) continue;
      const fn = UNSAFE_FUNCS[call.qname];
      if (fn) {
        await reportCall(ctx, model, call, { message: `${shown(call)} constructs arbitrary Python objects from the document`, key: call.qname, severity: fn });
        continue;
      }
      if (!LOADS.has(call.qname)) continue;
      const loader = param(call, 1, 'Loader');
      if (!loader) {
        if (!call.opaqueKwargs && !call.opaqueArgs) await reportCall(ctx, model, call, { message: `${shown(call)} has no Loader: unsafe on PyYAML < 6 (FullLoader), an error on 6+`, key: `${call.qname}:none` });
        continue;
      }
      if (loader.value.kind !== 'ref') continue;
      const cls = (loader.value.qname ?? loader.value.name).split('.').pop()!;
      if (SAFE_LOADERS.has(cls)) continue;
      const sev = UNSAFE_LOADERS[cls];
      // Only judge loaders that resolve to yaml's own classes (`yaml.Loader`, `from yaml import Loader`).
      if (!sev || !loader.value.qname?.startsWith('yaml.')) continue;
      await reportCall(ctx, model, call, { message: `${shown(call)} uses ${cls}${via(loader)}, which constructs arbitrary Python objects`, key: `${call.qname}:${cls}`, severity: sev, at: loader });
    }
  },
};
export default rule;
