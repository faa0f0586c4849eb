import type { Rule } from '../../core/types.js';
import { pythonCodeParser, type PythonModel } from '../../parsers/python/python.js';
import { ATLAS_USER_EXECUTION, reportCall } from './support.js';

const EXECUTORS = new Set(['builtins.eval', 'builtins.exec']);
// Argument text that names an LLM/model result: the classic "LLM writes code, app evals it" injection path.
const MODEL_OUTPUT = /\b(?:response|responses|output|outputs|completion|completions|generated\w*|generation|llm\w*|chat\w*|answer|reply|choices|message|content|prediction|pred|tool_call\w*|agent\w*)\b|\.(?:generate|invoke|predict|run|create|chat)\(/i;

const rule: Rule<PythonModel> = {
  meta: {
    id: 'code/eval-exec-dynamic',
    title: 'eval/exec on a non-literal value (model output, user input)',
    severity: 'medium',
    description:
      '`eval(...)`/`exec(...)` on anything but a constant runs code chosen by whoever controls that value. In ML applications the value is often model ' +
      'output — an LLM asked to "write Python" or "return a dict" — which prompt injection fully controls (the LangChain PALChain / PythonREPL CVEs, ' +
      'e.g. CVE-2023-36258). High severity when the argument looks like model output.',
    remediation:
      'Parse data with `json.loads` or `ast.literal_eval`; never execute model output in-process. If generated code must run, run it in a sandbox (separate ' +
      'container/VM without credentials or network).',
    references: ['https://docs.python.org/3/library/functions.html#eval', 'https://nvd.nist.gov/vuln/detail/CVE-2023-36258', 'https://cwe.mitre.org/data/definitions/95.html', ATLAS_USER_EXECUTION],
    tags: ['python', 'code-injection', 'llm'],
  },
  parser: pythonCodeParser,
  async check(model, ctx) {
    for (const call of model.calls) {
      if (!call.qname || !EXECUTORS.has(call.qname)) continue;
      const a = call.args[0] ?? call.kwargs.source;
      if (!a || a.value.kind === 'str') continue;
      const fromModel = MODEL_OUTPUT.test(a.text) || (a.origin !== undefined && MODEL_OUTPUT.test(a.origin));
      await reportCall(ctx, model, call, {
        message: `${call.callee}() runs ${fromModel ? 'what looks like model output' : 'a non-literal value'} (${a.text}${a.origin ? ` = ${a.origin}` : ''}) as Python code`,
        key: `${call.qname}:${a.text}`,
        severity: fromModel ? 'high' : 'medium',
      });
    }
  },
};
export default rule;
