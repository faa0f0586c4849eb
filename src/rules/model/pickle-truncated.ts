import type { Rule, Severity } from '../../core/types.js';
import { pickleParser, type PickleFileModel } from '../../parsers/pickle/parser.js';
import type { StreamResult } from '../../parsers/pickle/machine.js';
import { verdictFor } from './pickle-verdict.js';
import { PICKLE_REFS } from './pickle-common.js';

// A stream that breaks before STOP still ran everything before the break: CPython executes each
// REDUCE as it reads it, then raises. Scanners that give up on the error report "clean". Here the
// payload before the break is reported by the other rules, and this rule says how much went unseen.
function looksDangerous(s: StreamResult): boolean {
  return s.calls.length > 0 || s.imports.some((i) => verdictFor(i).kind !== 'safe');
}

const rule: Rule<PickleFileModel> = {
  meta: {
    id: 'model/pickle-truncated',
    title: 'Pickle stream is truncated or malformed, or could not be fully analysed',
    severity: 'high',
    description:
      'The pickle stream ends (or breaks on an invalid opcode, a missing MARK, an unknown memo key, a lying length) before its ' +
      'STOP opcode, or its analysis hit a size or time budget. Python’s unpickler executes every call it reads before the error, ' +
      'so a payload followed by garbage still runs, while scanners that stop at the error have reported such files as clean. ' +
      'High when what was seen already imports or calls non-allowlisted names, or when part of the stream was never examined.',
    remediation:
      'Treat the file as untrusted: do not load it. Re-download or re-export it from the source; if it is expected to be large, raise ' +
      'the limits (`limits:` in mlwarden.config.yaml) and scan again.',
    references: PICKLE_REFS,
    tags: ['model', 'pickle', 'truncated', 'evasion'],
  },
  parser: pickleParser,
  check(model, ctx) {
    if (!model.analysis) return;
    if (model.limitHit) {
      const seen = model.analysis.streams.some(looksDangerous);
      // The ratio guard tripping inside an unfinished stream is the padding trick: megabytes of
      // zeros in a literal, the payload after them, past what a bomb-guarded scanner reads. Python
      // has no such guard, so the unseen rest runs on load: high, like any stop inside a stream.
      const padded = model.limitRatio === true && model.analysis.streams.some((s) => !s.complete);
      ctx.report({
        message: padded ? `${model.limitHit} (the stream was cut inside: highly compressible padding before unexamined bytes is how payloads are hidden from bounded scanners)` : model.limitHit,
        severity: seen || padded ? 'high' : 'medium',
        key: 'limit',
        properties: { reason: model.limitRatio ? 'ratio' : 'size' },
      });
    }
    model.analysis.streams.forEach((s, i) => {
      if (s.complete || !s.error) return;
      if (model.limitHit && s.error.eof) return;
      const dangerous = looksDangerous(s);
      const unseen = model.analysis!.bytes - s.end;
      let severity: Severity = dangerous || s.error.limit ? 'high' : unseen > 0 ? 'medium' : 'low';
      if (!dangerous && s.ops <= 2) severity = 'low';
      const what = s.error.limit ? 'analysis stopped' : s.error.eof ? 'stream is truncated' : 'stream is malformed';
      ctx.report({
        message: `${what} at byte ${model.pickleOffset + s.error.offset} (${s.error.message}) after ${s.ops} opcodes${i > 0 ? ` in stream ${i + 1}` : ''}; ${dangerous ? 'what came before already imports or calls non-allowlisted names' : 'nothing dangerous was seen before the break'}${unseen > 0 ? `; ${unseen} bytes after it were not analysed` : ''}`,
        severity,
        evidence: s.error.message,
        key: `stream${i}:${s.error.eof ? 'eof' : s.error.limit ? 'limit' : 'malformed'}`,
        location: { byteOffset: model.pickleOffset + s.error.offset },
        properties: { stream: i + 1, eof: s.error.eof, unseenBytes: Math.max(0, unseen) },
      });
    });
  },
};
export default rule;
