// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. GitHub reads rule `help`,
// `properties.security-severity` (a CVSS-like score that sets its severity label), `tags` and
// `partialFingerprints`. A finding inside an archive points at the outer file (the only thing a
// repository has) and names the inner path in the message and properties.
import { describeProvenance } from './provenance.js';
import type { Finding, Report, Rule, Severity } from '../core/types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
// GitHub maps >=9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
const SECURITY_SEVERITY: Record<Severity, string | undefined> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: undefined };

function uri(path: string): string {
  return encodeURI(path.replace(/^\.\//, ''));
}

function ruleDescriptor(r: Rule) {
  const m = r.meta;
  const refs = m.references.map((u) => `- ${u}`).join('\n');
  const help = `${m.description}\n\n**Fix:** ${m.remediation}\n\n**References:**\n${refs}`;
  const ss = SECURITY_SEVERITY[m.severity];
  return {
    id: m.id,
    name: m.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    help: { text: `${m.description}\n\nFix: ${m.remediation}\n\nReferences:\n${refs}`, markdown: help },
    ...(m.references[0]?.startsWith('http') ? { helpUri: m.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: ['security', ...m.tags], precision: 'high', ...(ss ? { 'security-severity': ss } : {}) },
  };
}

function result(f: Finding, ruleIndex: Map<string, number>) {
  const inner = f.location.innerPath ? ` (in ${f.location.innerPath})` : '';
  const physical = !f.location.url
    ? {
        physicalLocation: {
          artifactLocation: { uri: uri(f.location.path) },
          // A line inside an archive member is not a line of the outer file.
          ...(f.location.line && !f.location.innerPath
            ? { region: { startLine: f.location.line, ...(f.location.column ? { startColumn: f.location.column } : {}), ...(f.location.endLine ? { endLine: f.location.endLine } : {}) } }
            : {}),
        },
      }
    : undefined;
  const ss = SECURITY_SEVERITY[f.severity];
  const prov = describeProvenance(f);
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: `${f.message}${inner}${f.evidence ? `\nEvidence: ${f.evidence}` : ''}${prov ? `\n${prov}` : ''}` },
    locations: [
      {
        ...(physical ?? {}),
        ...(f.location.url ? { logicalLocations: [{ fullyQualifiedName: f.location.url, kind: 'resource' }] } : {}),
        ...(f.location.innerPath ? { logicalLocations: [{ fullyQualifiedName: `${f.location.path}!${f.location.innerPath}`, kind: 'member' }] } : {}),
      },
    ],
    partialFingerprints: { 'mlwardenFingerprint/v1': f.fingerprint },
    properties: {
      severity: f.severity,
      ...(ss ? { 'security-severity': ss } : {}),
      ...(f.location.innerPath ? { innerPath: f.location.innerPath } : {}),
      ...(f.location.line && f.location.innerPath ? { innerLine: f.location.line } : {}),
      ...(f.location.url ? { url: f.location.url } : {}),
      ...(f.properties ?? {}),
    },
    ...(f.suppression
      ? { suppressions: [{ kind: f.suppression.kind === 'inline' ? 'inSource' : 'external', status: 'accepted', ...(f.suppression.reason ? { justification: f.suppression.reason } : {}) }] }
      : {}),
  };
}

export function renderSarif(report: Report, rules: Rule[]): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        results: [...report.findings, ...report.suppressed].map((f) => result(f, ruleIndex)),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'warning',
              message: { text: `${e.path}${e.innerPath ? `!${e.innerPath}` : ''}: ${e.message}` },
              descriptor: { id: e.ruleId },
            })),
          },
        ],
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
