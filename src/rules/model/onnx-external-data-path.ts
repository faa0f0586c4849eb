import type { Rule } from '../../core/types.js';
import { onnxParser, type OnnxModel } from '../../parsers/onnx/onnx.js';

/** Why a location is unsafe, or undefined. ONNX resolves it relative to the model's folder. */
export function unsafeExternalLocation(location: string): string | undefined {
  if (location.includes('\0')) return 'contains a NUL byte';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return 'is a URL';
  if (location.startsWith('/') || location.startsWith('\\')) return 'is an absolute path';
  if (/^[a-z]:/i.test(location)) return 'is an absolute Windows path';
  if (location.startsWith('~')) return 'starts in a home directory';
  if (location.split(/[\\/]+/).some((seg) => seg === '..')) return 'climbs out of the model folder with ..';
  return undefined;
}

const rule: Rule<OnnxModel> = {
  meta: {
    id: 'model/onnx-external-data-path',
    title: 'ONNX external-data location points outside the model folder',
    severity: 'high',
    description:
      'Large ONNX tensors can live in separate files named by `external_data` `location`. The loader opens that path relative to the ' +
      'model\'s folder; an absolute path or `..` segments make it read any file the process can see (SSH keys, cloud credentials, ' +
      '`/proc/self/environ`) into a weight tensor, from where outputs or a re-saved model leak it. ONNX fixed such traversals in its own ' +
      'loader (CVE-2022-25882, CVE-2024-27318), but older versions and other runtimes still follow them. A location that stays inside the ' +
      'folder can still be a symbolic link placed next to the model: check links before loading.',
    remediation:
      'Do not load the model. Legitimate exports (`onnx.save_model(..., save_as_external_data=True)`) write plain file names next to the ' +
      'model; re-export it that way and upgrade `onnx` to 1.16 or later.',
    references: [
      'https://nvd.nist.gov/vuln/detail/CVE-2022-25882',
      'https://nvd.nist.gov/vuln/detail/CVE-2024-27318',
      'https://github.com/onnx/onnx/blob/main/docs/ExternalData.md',
      'https://cwe.mitre.org/data/definitions/22.html',
    ],
    tags: ['model', 'onnx', 'path-traversal', 'exfiltration'],
  },
  parser: onnxParser,
  check(model, ctx) {
    for (const ext of model.externalData) {
      const why = unsafeExternalLocation(ext.location);
      if (!why) continue;
      ctx.report({
        message: `tensor '${ext.tensor.slice(0, 200)}' loads its data from '${ext.location.slice(0, 300)}', which ${why}`,
        evidence: ext.location.slice(0, 400),
        key: `${ext.tensor}:${ext.location}`,
        properties: { tensor: ext.tensor, location: ext.location, graph: ext.where },
      });
    }
  },
};
export default rule;
