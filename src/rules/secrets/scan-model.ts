// The secrets scan of one entry, computed once and shared by every secrets/* rule: the engine caches
// a parser's model per entry, so forty detectors cost one keyword pass, not forty. Notebooks are read
// cell by cell and output by output; Kubernetes Secret manifests have their `data:` values decoded
// with their YAML positions; every other text entry (files, archive members, image layer files) is
// scanned as it is, plus what it encodes.
import { textParser, type TextModel } from '../../parsers/text/text.js';
import { notebookParser, type NotebookModel } from '../../parsers/notebook/notebook.js';
import { yamlParser, isMap, isScalar, type YamlModel } from '../../parsers/yaml/yaml.js';
import { DETECTORS } from './detector-table.js';
import { SecretScanner, type SecretHit, type Segment } from './scanner.js';
import { decodeBase64 } from './validators.js';
import type { Entry, Parser } from '../../core/types.js';

export interface LocatedHit extends SecretHit {
  line: number;
  column: number;
}

export interface SecretScanModel {
  /** Rule id -> hits, in file order. */
  byRule: Map<string, LocatedHit[]>;
}

const scanner = new SecretScanner(DETECTORS);

function notebookSegments(nb: NotebookModel): Segment[] {
  return nb.texts.map((t) => {
    const where = t.output === undefined ? `cell ${t.cell} (${t.cellType} source)` : `cell ${t.cell}, output ${t.output} (${t.mime ?? t.outputType})`;
    return {
      text: t.text,
      depth: 0,
      via: [],
      toRaw: (at: number) => nb.rawOffset(t, at),
      context: {
        label: where,
        jsonPointer: t.jsonPointer,
        properties: { cell: t.cell, cellType: t.cellType, ...(t.output !== undefined ? { output: t.output, outputType: t.outputType } : {}), ...(t.mime ? { mime: t.mime } : {}) },
      },
    };
  });
}

/**
 * Kubernetes Secret `data:` values are base64. Each Secret becomes one segment of `KEY: decoded` lines,
 * so the key names give detectors their context (AWS_SECRET_ACCESS_KEY next to AWS_ACCESS_KEY_ID pairs
 * up), and every line maps back to the offset of its YAML value.
 */
function kubernetesSecretSegments(yaml: YamlModel): Segment[] {
  const out: Segment[] = [];
  for (const doc of yaml.documents) {
    const v = doc.value as { kind?: unknown; metadata?: { name?: unknown } } | undefined;
    if (!v || v.kind !== 'Secret') continue;
    const data = doc.doc.get('data', true);
    if (!isMap(data)) continue;
    let text = '';
    const pieces: Array<{ at: number; raw: number; key: string }> = [];
    for (const pair of data.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
      const decoded = decodeBase64(pair.value.value.replace(/\s+/g, ''));
      const start = pair.value.range?.[0];
      if (!decoded || start === undefined) continue;
      const key = String(pair.key.value);
      pieces.push({ at: text.length, raw: start, key });
      text += `${key}: ${decoded.toString('utf8')}\n`;
    }
    if (!pieces.length) continue;
    const pieceAt = (at: number) => {
      let i = pieces.length - 1;
      while (i > 0 && pieces[i].at > at) i--;
      return pieces[i];
    };
    const name = v.metadata?.name;
    out.push({
      text,
      depth: 1,
      via: ['kubernetes-secret'],
      toRaw: (at) => pieceAt(at).raw,
      context: {
        label: `Kubernetes Secret ${String(name ?? '')} data`,
        properties: { kubernetesSecret: name, document: doc.index },
      },
    });
  }
  return out;
}

export async function scanEntryText(entry: Pick<Entry, 'name'>, text: TextModel, extra: { notebook?: NotebookModel; yaml?: YamlModel }, checkTime?: () => void): Promise<SecretScanModel> {
  const segments: Segment[] = extra.notebook ? notebookSegments(extra.notebook) : [{ text: text.text, depth: 0, via: [], toRaw: (o) => o }];
  if (extra.yaml) segments.unshift(...kubernetesSecretSegments(extra.yaml));
  const hits = scanner.scan(segments, entry.name, checkTime);
  const byRule = new Map<string, LocatedHit[]>();
  for (const h of hits) {
    const pos = text.position(h.offset);
    const id = `secrets/${h.detector.id}`;
    const list = byRule.get(id) ?? [];
    list.push({ ...h, line: pos.line, column: pos.column });
    byRule.set(id, list);
  }
  return { byRule };
}

export const secretScanParser: Parser<SecretScanModel> = {
  id: 'secrets-scan',
  accepts: (entry: Entry) => entry.type.text && entry.kind !== 'http' && entry.kind !== 'host',
  async parse(entry, ctx) {
    const text = await ctx.use(textParser);
    let notebook: NotebookModel | undefined;
    if (notebookParser.accepts(entry)) {
      // A notebook that does not parse is still scanned, as plain text.
      notebook = await ctx.use(notebookParser).catch(() => undefined);
    }
    let yaml: YamlModel | undefined;
    if (yamlParser.accepts(entry) && /^kind:\s*Secret\b/m.test(text.text)) yaml = await ctx.use(yamlParser).catch(() => undefined);
    return scanEntryText(entry, text, { notebook, yaml }, ctx.checkTime);
  },
};
