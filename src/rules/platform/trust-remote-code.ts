import type { Analysis } from '../../parsers/ml-services/analyze.js';
import type { Site } from '../../parsers/ml-services/sites.js';
import { basename } from '../../parsers/ml-services/shell.js';
import { ATLAS, siteRule, type ServiceIssue } from './support.js';

export default siteRule({
  id: 'platform/trust-remote-code',
  title: "Model server runs with --trust-remote-code",
  severity: 'high',
  description:
    "`--trust-remote-code` lets the model repository ship Python (modeling_*.py, tokenizer code) that the server imports and runs. Whoever controls the model repo \u2014 or a typo-squatted/compromised one on the Hugging Face Hub \u2014 runs code in the serving pod, next to its GPUs and credentials.",
  remediation: "Drop `--trust-remote-code`; use architectures supported natively, or vendor the reviewed code and pin the model by `--revision <commit sha>`.",
  references: ['https://huggingface.co/docs/transformers/main/en/models#custom-models', 'https://docs.vllm.ai/en/latest/usage/security.html', ATLAS('AML.T0010')],
  tags: ["ml-platform", "supply-chain", "huggingface"],
}, trustRemoteCode, false);

/** --trust-remote-code runs Python shipped inside a model repository: any command, any server. */
function trustRemoteCode(a: Analysis, kind?: Site['kind']): ServiceIssue[] {
  // In a Dockerfile container/trust-remote-code-entrypoint reports it (one finding per problem, not two).
  if (kind === 'dockerfile') return [];
  const out: ServiceIssue[] = [];
  const found = a.common.trustRemoteCode ?? [];
  const flag = found.find((f) => f.where.kind === 'arg');
  if (flag) {
    const cmd = flag.command ?? '';
    out.push({ service: a.services[0]?.id ?? basename(cmd), message: `${cmd && !cmd.startsWith('-') ? basename(cmd) : a.services[0]?.name ?? 'the server'} runs with --trust-remote-code: Python files from the model repository execute in the server`, where: flag.where, auth: false, bind: false });
  }
  for (const f of found) {
    if (f.where.kind === 'env' && /^(true|1|yes)$/i.test(f.value.trim())) {
      out.push({ service: a.services[0]?.id ?? 'env', message: `${f.where.name}=${f.value}: Python files from the model repository execute in the server`, where: f.where, value: f.value, auth: false, bind: false });
    }
  }
  return out;
}
