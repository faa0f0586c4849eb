// YAML with positions, shared by every YAML-based rule (Kubernetes, compose, platform configs,
// secrets in manifests). Multi-document streams are split into documents; each keeps its AST so
// rules can point at the exact line of any node. Alias expansion is capped (billion laughs), and a
// document that fails to parse is reported with its line while the other documents still count.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
import { textParser } from '../text/text.js';
import { LimitExceededError } from '../../core/errors.js';
import type { Entry, Parser } from '../../core/types.js';

const YAML_NAME = /\.(ya?ml)$/i;
/** Alias expansions allowed per document; real manifests use a handful, bombs use millions. */
export const MAX_ALIAS_COUNT = 1000;

export interface YamlDocument {
  index: number;
  /** Plain JS value (aliases resolved, capped); undefined when the document failed. */
  value: unknown;
  doc: Document.Parsed;
  /** 1-based line where the document starts. */
  line: number;
  error?: string;
}

export class YamlModel {
  constructor(readonly documents: YamlDocument[], readonly lines: LineCounter) {}

  /** 1-based line/column of a node's start. */
  position(node: Node | undefined | null): { line: number; column: number } | undefined {
    const r = node?.range;
    if (!r) return undefined;
    const p = this.lines.linePos(r[0]);
    return { line: p.line, column: p.col };
  }

  /** The node at a key path inside a document ('spec', 'containers', 0, ...), or undefined. */
  node(doc: YamlDocument, path: Array<string | number>): Node | undefined {
    const n = doc.doc.getIn(path, true);
    return (n as Node | undefined) ?? undefined;
  }

  /** Line of the node at `path`, or of its nearest existing ancestor (so findings always have a line). */
  lineOf(doc: YamlDocument, path: Array<string | number>): number {
    for (let i = path.length; i >= 0; i--) {
      const n = this.node(doc, path.slice(0, i));
      // For a key path, point at the key when the value is a collection.
      const pos = this.keyPosition(doc, path.slice(0, i)) ?? this.position(n);
      if (pos) return pos.line;
    }
    return doc.line;
  }

  private keyPosition(doc: YamlDocument, path: Array<string | number>): { line: number; column: number } | undefined {
    if (path.length === 0) return undefined;
    const parent = path.length === 1 ? doc.doc.contents : doc.doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const last = path[path.length - 1];
    const pair = parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === last);
    return pair && isScalar(pair.key) ? this.position(pair.key) : undefined;
  }
}

/** Nesting deeper than this is refused before parsing: the yaml library recurses per level. */
export const MAX_YAML_DEPTH = 400;

/**
 * Node properties (`&anchor`, `!tag`) stacked on one node: valid YAML has at most one of each, and
 * the yaml library spends time quadratic in their number (3000 on one node: about 2 s).
 */
export const MAX_NODE_PROPERTIES = 16;

/**
 * Upper bound of a document's nesting, in one linear pass: block levels from the chain of
 * increasing indents (plus compact `- - x` / `? ? x` nodes), flow levels from brackets outside quotes.
 */
export function yamlNestingDepth(text: string): number {
  return yamlShape(text).depth;
}

/** Nesting bound (see yamlNestingDepth) and the most node properties stacked before one node's content. */
export function yamlShape(text: string): { depth: number; properties: number } {
  const indents: number[] = [];
  let max = 0;
  let flow = 0;
  let start = 0;
  // Properties seen since the last content token; lines holding only properties keep counting.
  let props = 0;
  let maxProps = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const first = text[i];
    if (i < end && first !== '#' && first !== '\r') {
      if (flow === 0) {
        while (indents.length && indents[indents.length - 1] >= i - start) indents.pop();
        indents.push(i - start);
      }
      let compact = 0;
      let quote = '';
      let inProp = false;
      for (let j = i; j < end; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = '';
          continue;
        }
        if (c === ' ' || c === '\t') {
          inProp = false;
          continue;
        }
        const prev = text[j - 1];
        if ((c === '&' || c === '!') && (j === i || prev === ' ' || prev === '\t' || prev === '[' || prev === '{' || prev === ',')) {
          inProp = true;
          if (++props > maxProps) maxProps = props;
        } else if (!inProp && c !== '-' && c !== '?' && c !== ':' && c !== '#') props = 0;
        if (c === '"' || c === "'") quote = c;
        else if (c === '#' && (j === i || prev === ' ')) break;
        else if (c === '[' || c === '{') flow++;
        else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
        else if ((c === '-' || c === '?') && flow === 0 && text[j + 1] === ' ' && (j === i || text[j - 2] === '-' || text[j - 2] === '?')) compact++;
        if (flow > max) max = flow;
      }
      max = Math.max(max, indents.length + compact + flow);
    }
    start = end + 1;
  }
  return { depth: max, properties: maxProps };
}

export function parseYamlText(text: string): YamlModel {
  const { depth, properties } = yamlShape(text);
  if (depth > MAX_YAML_DEPTH) throw new LimitExceededError(`YAML nested about ${depth} levels deep (limit ${MAX_YAML_DEPTH}): not parsed`, 'maxYamlDepth');
  if (properties > MAX_NODE_PROPERTIES) throw new LimitExceededError(`YAML node carries ${properties} anchors/tags (limit ${MAX_NODE_PROPERTIES}): not parsed`, 'maxYamlDepth');
  const lines = new LineCounter();
  // logLevel 'error': a templated key (`{{ .Name }}: x` in a Helm template) makes the library warn on
  // stderr for every such key; what the scan could not read is reported in the report, not on stderr.
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [];
  const out: YamlDocument[] = list.map((doc, index) => {
    const line = doc.range ? lines.linePos(doc.range[0]).line : 1;
    if (doc.errors.length) return { index, value: undefined, doc, line, error: doc.errors[0].message.split('\n')[0] };
    try {
      return { index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), doc, line };
    } catch (e) {
      return { index, value: undefined, doc, line, error: (e as Error).message };
    }
  });
  return new YamlModel(out, lines);
}

export const yamlParser: Parser<YamlModel> = {
  id: 'yaml',
  accepts: (entry: Entry) => entry.type.text && YAML_NAME.test(entry.name),
  async parse(entry, ctx) {
    const text = await ctx.use(textParser);
    return parseYamlText(text.text);
  },
};

export { isMap, isSeq, isScalar };
