import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

const CONSUMER = /geforce|titan/i;

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/consumer-gpu',
    title: 'Consumer GPU: no ECC, no MIG, no hardware tenant isolation',
    severity: 'info',
    description:
      'A GeForce/TITAN card has no ECC and no MIG, so it offers neither memory integrity nor hardware partitioning between tenants, and NVIDIA\'s GeForce driver licence restricts data-center deployment. Fine for a workstation; a risk on a shared server.',
    remediation: 'Do not share consumer GPUs between tenants; use data-center GPUs with ECC and MIG for multi-tenant or regulated workloads.',
    references: [REF.migGuide, 'https://www.nvidia.com/en-us/drivers/geforce-license/'],
    tags: ['gpu', 'inventory', 'isolation'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    for (const g of m.smi?.gpus ?? []) {
      if (!CONSUMER.test(g.brand ?? '') && !CONSUMER.test(g.productName ?? '')) continue;
      ctx.report({
        message: `GPU ${g.id} is a consumer card (${g.productName ?? g.brand}): ECC ${g.eccCurrent ?? 'not supported'}, MIG ${g.migCurrent ?? 'not supported'}`,
        location: { innerPath: EVIDENCE.smiXml },
        evidence: `product_brand ${g.brand ?? '?'}`,
        key: `consumer:${g.uuid ?? g.id}`,
      });
    }
  },
};
export default rule;
