import { isScalar } from 'yaml';
import type { Rule } from '../../core/types.js';
import { getAt, isObj, k8sParser, str, type K8sModel } from '../../parsers/k8s/k8s.js';
import { parseYamlText } from '../../parsers/yaml/yaml.js';
import { NIST_190 } from './support.js';

// The device plugin / GPU Operator read their sharing config from a ConfigMap whose values are YAML
// documents (`sharing.timeSlicing` or `sharing.mps`, each with `resources[].replicas`).
const STRATEGIES = ['timeSlicing', 'mps'] as const;

const rule: Rule<K8sModel> = {
  meta: {
    id: 'k8s/gpu-sharing-config',
    title: 'GPU time-slicing or MPS sharing without isolation',
    severity: 'medium',
    description:
      'A device-plugin configuration shares each GPU between several pods (`sharing.timeSlicing` or `sharing.mps` with `replicas > 1`). ' +
      'Time-slicing gives no memory or fault isolation between the pods on one GPU (one can read leftovers or exhaust memory for the others); ' +
      'MPS limits memory but shares one address-space server. On a multi-tenant cluster this mixes workloads of different sensitivity on one ' +
      'device (NIST SP 800-190 §3.3.4/§4.3.4). `renameByDefault: false` hides the sharing from tenants (they still ask for `nvidia.com/gpu`) and ' +
      '`failRequestsGreaterThanOne: false` lets a pod believe it got several GPUs.',
    remediation:
      'Give tenants whole GPUs or MIG instances (hardware isolation); if sharing is intended, keep it to one tenant per node pool, set ' +
      '`renameByDefault: true` (resource `nvidia.com/gpu.shared`) and `failRequestsGreaterThanOne: true`.',
    references: [
      'https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html',
      'https://github.com/NVIDIA/k8s-device-plugin#shared-access-to-gpus', NIST_190('4.3.4'),
    ],
    tags: ['kubernetes', 'gpu', 'multi-tenancy'],
  },
  parser: k8sParser,
  check(model, ctx) {
    for (const cm of model.ofKind('ConfigMap')) {
      const data = cm.value.data;
      if (!isObj(data)) continue;
      for (const [key, raw] of Object.entries(data)) {
        const text = str(raw);
        if (!text || !text.includes('sharing')) continue;
        const inner = parseYamlText(text);
        const valuePath = [...cm.base, 'data', key];
        const node = cm.doc.doc.getIn(valuePath, true);
        const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
        const outerLine = model.lineOf(cm, valuePath);
        for (const d of inner.documents) {
          for (const strategy of STRATEGIES) {
            const s = getAt(d.value, ['sharing', strategy]);
            const resources = getAt(s, ['resources']);
            if (!Array.isArray(resources)) continue;
            resources.forEach((r, i) => {
              const replicas = Number(str(getAt(r, ['replicas'])) ?? 0);
              if (!(replicas > 1)) return;
              const name = str(getAt(r, ['name'])) ?? 'nvidia.com/gpu';
              const hidden = getAt(s, ['renameByDefault']) !== true ? ', renameByDefault is off (tenants cannot tell they share)' : '';
              const line = block ? outerLine + inner.lineOf(d, ['sharing', strategy, 'resources', i, 'replicas']) : outerLine;
              ctx.report({
                message: `ConfigMap ${cm.namespace ? `${cm.namespace}/` : ''}${cm.name} (${key}) shares each ${name} ${replicas} ways by ${strategy}${hidden}${cm.source ? ` (from ${cm.source})` : ''}`,
                location: { line },
                key: `ConfigMap/${cm.namespace ?? ''}/${cm.name}/${key}/${strategy}/${name}`,
                evidence: `${strategy}: ${name} replicas=${replicas}`,
                properties: { kind: 'ConfigMap', name: cm.name, configKey: key, strategy, replicas },
              });
            });
          }
        }
      }
    }
  },
};
export default rule;
