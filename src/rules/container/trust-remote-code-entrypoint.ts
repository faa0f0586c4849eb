import type { Rule } from '../../core/types.js';
import { dockerfileParser, keyValues, type DockerfileModel } from '../../parsers/dockerfile/dockerfile.js';
import { shellScripts } from '../../parsers/dockerfile/shell.js';
import { ATLAS_SUPPLY_CHAIN, NIST_800_190, evidenceAt, lineOf } from './support.js';

// vLLM, TGI, SGLang and lm-eval take `--trust-remote-code`; Python one-liners take trust_remote_code=True;
// TGI's launcher also reads TRUST_REMOTE_CODE from the environment.
const FLAG = /(?:^|[\s"'[,])--trust[-_]remote[-_]code(?:[=\s"',\]]|$)(?!\s*(?:=\s*)?(?:false|0)\b)/i;
const KWARG = /trust_remote_code\s*=\s*True\b/;
const ENV_NAMES = new Set(['TRUST_REMOTE_CODE', 'HF_TRUST_REMOTE_CODE']);

const rule: Rule<DockerfileModel> = {
  meta: {
    id: 'container/trust-remote-code-entrypoint',
    title: 'Image entrypoint runs models with trust_remote_code enabled',
    severity: 'high',
    description:
      'With `--trust-remote-code` (vLLM, TGI, SGLang) or `trust_remote_code=True`, loading a model imports and runs the Python files shipped ' +
      'in its Hugging Face repository. Baked into ENTRYPOINT/CMD, every container start executes whatever code the model repo (or whoever ' +
      'controls the model name passed at run time) contains, with the container\'s credentials and GPU. MITRE ATLAS AML.T0010; NIST SP 800-190 §4.1.3.',
    remediation:
      'Remove the flag and use architectures supported natively by the server. If custom code is unavoidable, vendor the reviewed code into the image ' +
      'and pin the model to a commit (`--revision <40-hex sha>`), so the code that runs is the code you read.',
    references: ['https://docs.vllm.ai/en/latest/usage/security.html', 'https://huggingface.co/docs/transformers/en/custom_models', ATLAS_SUPPLY_CHAIN, NIST_800_190],
    tags: ['dockerfile', 'huggingface', 'remote-code', 'supply-chain'],
  },
  parser: dockerfileParser,
  check(model, ctx) {
    const final = model.finalStage;
    for (const inst of model.instructions) {
      if (inst.keyword === 'ENTRYPOINT' || inst.keyword === 'CMD') {
        const text = inst.exec ? inst.exec.join(' ') : shellScripts(inst).join('\n');
        const m = FLAG.exec(` ${text}`) ?? KWARG.exec(text);
        if (!m) continue;
        const needle = m[0].includes('trust_remote_code=') || m[0].startsWith('trust') ? 'trust_remote_code' : m[0].includes('_') ? '--trust_remote_code' : '--trust-remote-code';
        const line = lineOf(model, inst, needle);
        ctx.report({ message: `${inst.keyword} starts the model server with remote code execution enabled (${needle})`, location: { line }, evidence: evidenceAt(model, line), key: `${inst.keyword}:${needle}`, ...(final && inst.stage !== final.index ? { severity: 'medium' as const } : {}) });
      } else if (inst.keyword === 'ENV') {
        for (const { key, value } of keyValues(inst)) {
          if (ENV_NAMES.has(key.toUpperCase()) && /^(?:1|true|yes)$/i.test(value ?? '')) {
            ctx.report({ message: `ENV ${key}=${value} enables remote code for every model the server loads`, location: { line: inst.line }, evidence: evidenceAt(model, inst.line), key: `env:${key}` });
          }
        }
      }
    }
  },
};
export default rule;
