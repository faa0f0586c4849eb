import type { Rule } from '../../core/types.js';
import { isTrue, param } from '../../parsers/python/analyze.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_SUPPLY_CHAIN, reportCall, shown, via } from './support.js';

const HUB_LOADERS = new Set(['torch.hub.load', 'torch.hub.list', 'torch.hub.help']);
/** GitHub owners whose hub repositories are maintained by the framework or model vendors themselves. */
const KNOWN_OWNERS = new Set(['pytorch', 'facebookresearch', 'nvidia', 'huggingface', 'intel-isl', 'isl-org', 'snakers4', 'ultralytics']);

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/torch-hub-untrusted',
    title: 'torch.hub.load executes code from a GitHub repository',
    severity: 'high',
    description:
      '`torch.hub.load("owner/repo", ...)` downloads the repository and imports its `hubconf.py`: it is code execution by design. `trust_repo=True` ' +
      'skips even the prompt for repositories never seen before, and a repository without a pinned ref (`owner/repo:<tag or sha>`) runs whatever the ' +
      'default branch holds today. MITRE ATLAS AML.T0010.',
    remediation:
      'Vendor the model code or load weights only (`torch.hub.load_state_dict_from_url(..., weights_only=True)`). If hub loading is needed, pin a ref ' +
      '(`"owner/repo:v1.2"` or a commit), keep `trust_repo="check"`, or point at a reviewed local checkout with `source="local"`.',
    references: ['https://pytorch.org/docs/stable/hub.html#torch.hub.load', ATLAS_SUPPLY_CHAIN, 'https://cwe.mitre.org/data/definitions/494.html'],
    tags: ['python', 'pytorch', 'remote-code', 'supply-chain'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      if (!call.qname || !HUB_LOADERS.has(call.qname)) continue;
      const source = call.kwargs.source;
      if (source?.value.kind === 'str' && source.value.value === 'local') continue;
      const repo = param(call, 0, 'repo_or_dir');
      const trust = call.kwargs.trust_repo;
      const repoName = repo?.value.kind === 'str' ? repo.value.value : undefined;
      if (isTrue(trust)) {
        await reportCall(ctx, model, call, { message: `${shown(call)} runs hubconf.py from ${repoName ?? 'a GitHub repository'} with trust_repo=True${via(trust)}`, key: `${call.qname}:trust:${repoName ?? repo?.text ?? ''}`, at: trust });
        continue;
      }
      if (!repoName) continue;
      const owner = repoName.split('/')[0].toLowerCase();
      if (KNOWN_OWNERS.has(owner)) continue;
      const pinned = repoName.includes(':');
      await reportCall(ctx, model, call, {
        message: `${shown(call)} runs hubconf.py from the third-party repository ${repoName}${pinned ? '' : ' (no ref pinned: the default branch)'}`,
        key: `${call.qname}:repo:${repoName}`,
        severity: 'medium',
      });
    }
  },
};
export default rule;
