// Shared by the code/* rules: reporting a call at its exact line with the source line as evidence.
import { textParser } from '../../parsers/text/text.js';
import type { PyArg, PyCall } from '../../parsers/python/analyze.js';
import type { ReportInput, RuleContext, Severity } from '../../core/types.js';

export const ATLAS_SUPPLY_CHAIN = 'https://atlas.mitre.org/techniques/AML.T0010';
export const ATLAS_USER_EXECUTION = 'https://atlas.mitre.org/techniques/AML.T0011';
export const CWE_502 = 'https://cwe.mitre.org/data/definitions/502.html';

export interface CallReport {
  message: string;
  /** Stable fingerprint part: what was called and the decisive argument, never a line. */
  key: string;
  severity?: Severity;
  /** Point at this argument instead of the call (e.g. the `trust_remote_code=True` keyword). */
  at?: PyArg;
  properties?: Record<string, unknown>;
}

/** In notebooks columns are positions inside the cell, not the .ipynb line, so only the line is reported. */
export async function reportCall(ctx: RuleContext, model: { kind: string }, call: { line: number; column: number }, r: CallReport): Promise<void> {
  const line = r.at && !r.at.via ? r.at.line : call.line;
  const column = r.at && !r.at.via ? r.at.column : call.column;
  let evidence: string | undefined;
  try {
    const l = (await ctx.use(textParser)).line(line)?.trim();
    if (l) evidence = l.length > 200 ? `${l.slice(0, 197)}...` : l;
  } catch {
    // evidence is optional
  }
  const input: ReportInput = { message: r.message, location: model.kind === 'notebook' ? { line } : { line, column }, key: r.key, ...(evidence ? { evidence } : {}), ...(r.severity ? { severity: r.severity } : {}), ...(r.properties ? { properties: r.properties } : {}) };
  ctx.report(input);
}

/** `callee(...)` for messages. */
export function shown(call: PyCall): string {
  return `${call.callee}()`;
}

/** Where a keyword came from, for messages: ` (via **kwargs)`. */
export function via(a: PyArg | undefined): string {
  return a?.via ? ` (via ${a.via})` : '';
}

// Argument text that suggests the value comes from outside the program (CLI, HTTP, user).
const UNTRUSTED_HINT = /sys\.argv|\binput\(|request|\bargs\.|argv|url|upload|download|user|\bparams?\b|query|\bform\b|payload|remote/i;

export function looksUntrusted(a: PyArg | undefined): boolean {
  if (!a) return false;
  if (a.value.kind === 'str') return /^(?:https?|s3|gs|hf):\/\//.test(a.value.value);
  return UNTRUSTED_HINT.test(a.text) || (a.origin !== undefined && UNTRUSTED_HINT.test(a.origin));
}
