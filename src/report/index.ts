import { UsageError } from '../core/errors.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';
import type { Report, Rule } from '../core/types.js';

export const FORMATS = ['table', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatRequest {
  format: Format;
  /** Written here instead of stdout. */
  file?: string;
}

/** "json", "sarif=out.sarif" -> request. */
export function parseFormat(spec: string): FormatRequest {
  const eq = spec.indexOf('=');
  const name = (eq === -1 ? spec : spec.slice(0, eq)).trim().toLowerCase();
  if (!(FORMATS as readonly string[]).includes(name)) throw new UsageError(`--format: unknown format '${name}' (use ${FORMATS.join(', ')})`);
  const file = eq === -1 ? undefined : spec.slice(eq + 1);
  if (file === '') throw new UsageError(`--format ${name}=: missing file name`);
  return { format: name as Format, ...(file ? { file } : {}) };
}

export function render(format: Format, report: Report, rules: Rule[], color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, rules);
    case 'github':
      return renderGithub(report);
    case 'table':
      return renderTable(report, { color, remediation: new Map(rules.map((r) => [r.meta.id, r.meta.remediation])) });
  }
}
