import type { Rule, Severity } from '../../core/types.js';
import { SEVERITIES } from '../../core/types.js';
import { ggufParser, type GgufModel } from '../../parsers/gguf/gguf.js';
import { TEMPLATE_INDICATORS } from './gguf-template-indicators.js';

export interface TemplateVerdict {
  severity: Severity;
  indicators: string[];
  /** Index in the original template of the first indicator found, for evidence. */
  at: number;
}

/** Lower-case, whitespace removed, string concatenations folded ('__cla' ~ 'ss__' -> '__class__'). */
function normalise(template: string): string {
  return template
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\{%[-+]/g, '{%')
    .replace(/['"][~+]['"]/g, '')
    .replace(/['"]['"]/g, '');
}

/** Dunder names (`__xyz__`) by a linear scan, without a backtracking regex. */
function dunders(text: string): string[] {
  const found = new Set<string>();
  for (let i = text.indexOf('__'); i !== -1 && found.size < 20; i = text.indexOf('__', i + 2)) {
    let j = i + 2;
    while (j < text.length && /[a-z0-9_]/.test(text[j])) j++;
    const name = text.slice(i, j);
    if (name.length > 4 && name.endsWith('__') && /[a-z]/.test(name)) found.add(name);
    i = j - 2;
  }
  return [...found];
}

export function judgeTemplate(template: string): TemplateVerdict | undefined {
  const norm = normalise(template);
  const reversed = [...norm].reverse().join('');
  const hits: Array<{ label: string; severity: Severity }> = [];
  for (const ind of TEMPLATE_INDICATORS) {
    const needle = ind.needle.replace(/\s+/g, '');
    if (norm.includes(needle) || (needle.startsWith('__') && reversed.includes(needle))) hits.push(ind);
  }
  const names = [...dunders(norm), ...dunders(reversed).filter((d) => !norm.includes(d))];
  if (names.length && !hits.some((h) => h.severity === 'critical')) hits.push({ label: `Python dunder attributes (${names.slice(0, 5).join(', ')})`, severity: 'high' });
  if (!hits.length) return undefined;
  const severity = SEVERITIES.find((s) => hits.some((h) => h.severity === s))!;
  const lower = template.toLowerCase();
  let at = -1;
  for (const probe of ['__', 'attr', 'popen', 'lipsum', 'cycler', 'joiner', 'import', 'self._', 'request']) {
    const k = lower.indexOf(probe);
    if (k !== -1 && (at === -1 || k < at)) at = k;
  }
  return { severity, indicators: [...new Set(hits.map((h) => h.label))], at: Math.max(0, at) };
}

const rule: Rule<GgufModel> = {
  meta: {
    id: 'model/gguf-chat-template-injection',
    title: 'GGUF chat template reaches Python internals (Jinja2 template injection)',
    severity: 'critical',
    description:
      'GGUF files carry their chat template in `tokenizer.chat_template`, a Jinja2 template that inference servers render on every request. ' +
      'When it is rendered outside a sandbox (llama-cpp-python before 0.2.72, CVE-2024-34359, and any server that builds its own ' +
      '`jinja2.Environment`), a template that walks `__class__.__mro__[1].__subclasses__()`, reaches a function\'s `__globals__`, or uses the ' +
      '`cycler`/`joiner`/`lipsum`/`namespace` gadgets to get to `os` runs shell commands on the server as soon as the model is used. Legitimate ' +
      'chat templates only loop over messages and format strings: none need dunder attributes, `|attr`, escaped underscores or Flask globals.',
    remediation:
      'Do not serve this model. Replace the chat template with the upstream one (or override it in the server configuration), render ' +
      'templates only in `jinja2.sandbox.ImmutableSandboxedEnvironment`, and upgrade llama-cpp-python to 0.2.72 or later.',
    references: [
      'https://nvd.nist.gov/vuln/detail/CVE-2024-34359',
      'https://github.com/abetlen/llama-cpp-python/pull/1462',
      'https://jinja.palletsprojects.com/en/stable/sandbox/',
      'https://github.com/ggml-org/ggml/blob/master/docs/gguf.md',
      'https://atlas.mitre.org/techniques/AML.T0011',
    ],
    tags: ['model', 'gguf', 'ssti', 'code-execution'],
  },
  parser: ggufParser,
  check(model, ctx) {
    for (const [key, v] of model.metadata) {
      if (!key.includes('chat_template')) continue;
      const templates = v.type === 'string' ? [String(v.value ?? '')] : (v.strings ?? []);
      templates.forEach((template, i) => {
        const verdict = judgeTemplate(template);
        if (!verdict) return;
        const name = v.type === 'string' ? key : `${key}[${i}]`;
        const snippet = template.slice(Math.max(0, verdict.at - 40), verdict.at + 160).replace(/\s+/g, ' ');
        ctx.report({
          message: `chat template '${name}' ${verdict.severity === 'medium' ? 'uses risky template features' : 'reaches Python internals'}: ${verdict.indicators.join('; ')}`,
          severity: verdict.severity,
          evidence: snippet,
          key: `${name}:${verdict.indicators.join(',')}`,
          properties: { metadataKey: name, indicators: verdict.indicators, byteOffset: v.offset },
        });
      });
    }
  },
};
export default rule;
