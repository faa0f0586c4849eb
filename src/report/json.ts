// The JSON report is a contract consumed by other tools and CI gates: field names here are stable
// and documented in README ("JSON report"). Additions are fine; renames and removals are not.
import type { Report } from '../core/types.js';

export const JSON_SCHEMA_VERSION = 1;

export function renderJson(report: Report): string {
  return `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, ...report }, null, 2)}\n`;
}
