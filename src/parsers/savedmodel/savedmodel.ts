// TensorFlow SavedModel (`saved_model.pb`, tensorflow/core/protobuf/saved_model.proto): meta graphs,
// each with a GraphDef (nodes) and a function library (tf.function bodies, where TF2 models keep
// almost everything). This reader lists every node's op, and for nodes a rule may care about it
// keeps string attributes and the string constants feeding their inputs (file names of ReadFile,
// WriteFile, Save/Restore). Tensor contents (weights in Const nodes) are skipped, never read.
import { ParseError } from '../../core/errors.js';
import type { Entry, Parser } from '../../core/types.js';
import { WindowReader } from '../../io/window-reader.js';
import { fields, looksLikeProtobuf, str, WIRE_LEN, type Field } from '../../io/protobuf.js';

export interface SavedModelNode {
  name: string;
  op: string;
  /** Function name, or '' for the top-level graph. */
  fn: string;
  inputs: string[];
  /** String attribute values (PyFunc token, ImmutableConst memory_region_name, PrintV2 output_stream...). */
  attrs: Record<string, string[]>;
}

export interface SavedModelModel {
  metaGraphs: number;
  tags: string[];
  tensorflowVersion?: string;
  /** Distinct ops with counts. */
  opCounts: Map<string, number>;
  /** Nodes whose op is in `interesting` (capped), with attributes. */
  nodes: SavedModelNode[];
  /** Const node name -> its string values (only string constants, capped), per function. */
  stringConsts: Map<string, string[]>;
  nodeCount: number;
  functionCount: number;
  incomplete?: string;
}

export interface SavedModelParseOptions {
  /** Ops whose nodes are kept with their attributes and inputs. */
  interesting: Set<string>;
}

const SAVED_MODEL_FIELDS = new Set([1, 2]);
const MAX_KEPT_NODES = 10_000;
const MAX_CONSTS = 50_000;
const MAX_STRING = 4096;

type Work = { kind: 'meta' | 'graph' | 'library' | 'function'; start: number; end: number; fn: string };

export function makeSavedModelParser(opts: SavedModelParseOptions): Parser<SavedModelModel> {
  return {
    id: 'savedmodel',
    accepts: (entry: Entry) => /^saved_model\.pb$/i.test(entry.name) && !entry.type.text && entry.type.kind !== 'empty',
    async parse(entry, ctx) {
      const end = entry.source.size;
      const r = new WindowReader(entry.source, 0, end, 256 * 1024);
      if (!(await looksLikeProtobuf(r, end, SAVED_MODEL_FIELDS, 2))) throw new ParseError('savedmodel: file does not decode as a SavedModel protobuf');
      const model: SavedModelModel = { metaGraphs: 0, tags: [], opCounts: new Map(), nodes: [], stringConsts: new Map(), nodeCount: 0, functionCount: 0 };
      let steps = 0;
      const tick = () => {
        if ((++steps & 4095) === 0) ctx.checkTime();
      };
      const work: Work[] = [];
      try {
        for await (const f of fields(r, 0, end)) if (f.field === 2 && f.wire === WIRE_LEN) work.push({ kind: 'meta', start: f.start, end: f.end, fn: '' });
        // Work items never nest beyond meta -> graph -> library -> function, so the list stays flat.
        while (work.length) {
          const w = work.shift()!;
          if (w.kind === 'meta') {
            model.metaGraphs++;
            for await (const f of fields(r, w.start, w.end)) {
              if (f.wire !== WIRE_LEN) continue;
              if (f.field === 2) work.push({ kind: 'graph', start: f.start, end: f.end, fn: '' });
              else if (f.field === 1) {
                // MetaInfoDef: tags (4), tensorflow_version (5).
                for await (const m of fields(r, f.start, f.end)) {
                  if (m.wire !== WIRE_LEN) continue;
                  if (m.field === 4 && model.tags.length < 20) model.tags.push(await str(r, m, 100));
                  else if (m.field === 5) model.tensorflowVersion = await str(r, m, 50);
                }
              }
            }
          } else if (w.kind === 'graph') {
            for await (const f of fields(r, w.start, w.end)) {
              tick();
              if (f.wire !== WIRE_LEN) continue;
              if (f.field === 1) await node(f, '');
              else if (f.field === 2) work.push({ kind: 'library', start: f.start, end: f.end, fn: '' });
            }
          } else if (w.kind === 'library') {
            for await (const f of fields(r, w.start, w.end)) if (f.field === 1 && f.wire === WIRE_LEN) work.push({ kind: 'function', start: f.start, end: f.end, fn: '' });
          } else {
            model.functionCount++;
            let fn = '';
            for await (const f of fields(r, w.start, w.end)) {
              if (f.field === 1 && f.wire === WIRE_LEN) for await (const s of fields(r, f.start, f.end)) if (s.field === 1 && s.wire === WIRE_LEN) fn = await str(r, s, 300);
            }
            for await (const f of fields(r, w.start, w.end)) {
              tick();
              if (f.field === 3 && f.wire === WIRE_LEN) await node(f, fn || '(unnamed function)');
            }
          }
        }
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        model.incomplete = e.message;
      }
      return model;

      async function node(n: Field, fn: string): Promise<void> {
        model.nodeCount++;
        let name = '';
        let op = '';
        const inputs: string[] = [];
        const attrs: Record<string, string[]> = {};
        let constStrings: string[] | undefined;
        for await (const f of fields(r, n.start, n.end)) {
          if (f.wire !== WIRE_LEN) continue;
          if (f.field === 1) name = await str(r, f, 300);
          else if (f.field === 2) op = await str(r, f, 200);
          else if (f.field === 3 && inputs.length < 64) inputs.push(await str(r, f, 300));
          else if (f.field === 5) {
            // map<string, AttrValue> entry: key (1), value (2).
            let key = '';
            let values: string[] = [];
            for await (const e of fields(r, f.start, f.end)) {
              if (e.wire !== WIRE_LEN) continue;
              if (e.field === 1) key = await str(r, e, 200);
              else if (e.field === 2) values = await attrStrings(e);
            }
            if (values.length) attrs[key] = values;
            if (key === 'value') constStrings = values;
          }
        }
        model.opCounts.set(op, (model.opCounts.get(op) ?? 0) + 1);
        if (op === 'Const' && constStrings?.length && model.stringConsts.size < MAX_CONSTS) model.stringConsts.set(`${fn}\0${name}`, constStrings);
        if (opts.interesting.has(op) && model.nodes.length < MAX_KEPT_NODES) model.nodes.push({ name, op, fn, inputs, attrs });
      }

      /** Strings in an AttrValue: s (2), list.s (1 -> 2), tensor.string_val (8 -> 8). */
      async function attrStrings(v: Field): Promise<string[]> {
        const out: string[] = [];
        for await (const a of fields(r, v.start, v.end)) {
          if (a.wire !== WIRE_LEN || out.length >= 16) continue;
          if (a.field === 2) out.push(await str(r, a, MAX_STRING));
          else if (a.field === 1) {
            for await (const l of fields(r, a.start, a.end)) if (l.field === 2 && l.wire === WIRE_LEN && out.length < 16) out.push(await str(r, l, MAX_STRING));
          } else if (a.field === 8) {
            for await (const t of fields(r, a.start, a.end)) if (t.field === 8 && t.wire === WIRE_LEN && out.length < 16) out.push(await str(r, t, MAX_STRING));
          }
        }
        return out;
      }
    },
  };
}
