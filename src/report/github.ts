// GitHub Actions workflow commands: each finding becomes an annotation on the pull request diff.
import type { Finding, Report } from '../core/types.js';

const LEVEL = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' } as const;

// Workflow-command escaping (properties escape ',' and ':' too).
const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function annotation(f: Finding): string {
  const props = [`file=${escProp(f.location.path)}`];
  if (f.location.line && !f.location.innerPath) props.push(`line=${f.location.line}`);
  if (f.location.column && !f.location.innerPath) props.push(`col=${f.location.column}`);
  props.push(`title=${escProp(`${f.ruleId}: ${f.title}`)}`);
  const inner = f.location.innerPath ? ` [in ${f.location.innerPath}${f.location.line ? `:${f.location.line}` : ''}]` : '';
  const url = f.location.url ? ` [${f.location.url}]` : '';
  return `::${LEVEL[f.severity]} ${props.join(',')}::${esc(`${f.severity.toUpperCase()}: ${f.message}${inner}${url}`)}`;
}

export function renderGithub(report: Report): string {
  return report.findings.map(annotation).join('\n') + (report.findings.length ? '\n' : '');
}
