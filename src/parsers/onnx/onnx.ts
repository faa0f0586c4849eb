// ONNX ModelProto (onnx/onnx.proto3), read with the wire walker: only the fields the verdict needs
// (opset imports, node domains and op types in every graph and subgraph, tensors' external-data
// locations, local functions). Initializer payloads (raw_data) are skipped, never read, so a 2 GiB
// model costs a walk over its field headers. ONNX has no magic number: the file is accepted by
// name and then must decode as a ModelProto.
import { ParseError } from '../../core/errors.js';
import type { Entry, Parser, ParseContext } from '../../core/types.js';
import { WindowReader } from '../../io/window-reader.js';
import { fields, looksLikeProtobuf, str, WIRE_LEN, type Field } from '../../io/protobuf.js';

export interface OnnxNodeKind {
  domain: string;
  opType: string;
  count: number;
  /** Graph (or function) where it was first seen. */
  where: string;
}

export interface OnnxExternalData {
  tensor: string;
  location: string;
  where: string;
}

export interface OnnxModel {
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  opsetImports: Array<{ domain: string; version?: number }>;
  /** Distinct (domain, op_type) pairs with counts. */
  ops: OnnxNodeKind[];
  nodeCount: number;
  initializerCount: number;
  externalData: OnnxExternalData[];
  functions: Array<{ domain: string; name: string }>;
  graphCount: number;
  /** Why the walk stopped early, if it did (the rest of the model was not seen). */
  incomplete?: string;
}

const MODEL_FIELDS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25]);
const MAX_GRAPHS = 100_000;
const MAX_DEPTH = 64;
const MAX_EXTERNAL = 10_000;

type Work = { kind: 'graph' | 'function' | 'training'; start: number; end: number; where: string; depth: number };

export const onnxParser: Parser<OnnxModel> = {
  id: 'onnx',
  accepts: (entry: Entry) => /\.onnx$/i.test(entry.name) && !entry.type.text && entry.type.kind !== 'empty',
  async parse(entry, ctx) {
    const end = entry.source.size;
    const r = new WindowReader(entry.source, 0, end, 256 * 1024);
    if (!(await looksLikeProtobuf(r, end, MODEL_FIELDS))) throw new ParseError('onnx: file does not decode as an ONNX ModelProto');
    const model: OnnxModel = { opsetImports: [], ops: [], nodeCount: 0, initializerCount: 0, externalData: [], functions: [], graphCount: 0 };
    try {
      await walk(r, end, model, ctx);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      model.incomplete = e.message;
    }
    return model;
  },
};

async function walk(r: WindowReader, end: number, model: OnnxModel, ctx: ParseContext): Promise<void> {
  const opIndex = new Map<string, OnnxNodeKind>();
  const work: Work[] = [];
  let steps = 0;
  const tick = () => {
    if ((++steps & 4095) === 0) ctx.checkTime();
  };
  for await (const f of fields(r, 0, end)) {
    tick();
    if (f.field === 1 && f.wire === 0) model.irVersion = f.value;
    else if (f.field === 2 && f.wire === WIRE_LEN) model.producerName = await str(r, f, 200);
    else if (f.field === 3 && f.wire === WIRE_LEN) model.producerVersion = await str(r, f, 200);
    else if (f.field === 8 && f.wire === WIRE_LEN) model.opsetImports.push(await opset(r, f));
    else if (f.field === 7 && f.wire === WIRE_LEN) work.push({ kind: 'graph', start: f.start, end: f.end, where: 'graph', depth: 0 });
    else if (f.field === 25 && f.wire === WIRE_LEN) work.push({ kind: 'function', start: f.start, end: f.end, where: 'function', depth: 0 });
    else if (f.field === 20 && f.wire === WIRE_LEN) work.push({ kind: 'training', start: f.start, end: f.end, where: 'training_info', depth: 0 });
  }
  while (work.length) {
    const w = work.pop()!;
    if (w.depth > MAX_DEPTH) throw new ParseError(`onnx: subgraphs nest more than ${MAX_DEPTH} levels deep`);
    if (++model.graphCount > MAX_GRAPHS) throw new ParseError(`onnx: more than ${MAX_GRAPHS} graphs and functions`);
    if (w.kind === 'training') {
      for await (const f of fields(r, w.start, w.end)) {
        if ((f.field === 1 || f.field === 2) && f.wire === WIRE_LEN) work.push({ kind: 'graph', start: f.start, end: f.end, where: `${w.where}.${f.field === 1 ? 'initialization' : 'algorithm'}`, depth: w.depth + 1 });
      }
      continue;
    }
    let where = w.where;
    let fnName = '';
    let fnDomain = '';
    const node = async (n: Field) => {
      tick();
      model.nodeCount++;
      let opType = '';
      let domain = '';
      for await (const f of fields(r, n.start, n.end)) {
        if (f.wire !== WIRE_LEN) continue;
        if (f.field === 4) opType = await str(r, f, 200);
        else if (f.field === 7) domain = await str(r, f, 200);
        else if (f.field === 5) {
          // AttributeProto: g (6) and graphs (11) are subgraphs (If/Loop/Scan); t (5) and tensors (10) tensors.
          for await (const a of fields(r, f.start, f.end)) {
            if (a.wire !== WIRE_LEN) continue;
            if ((a.field === 6 || a.field === 11) && work.length + model.graphCount >= MAX_GRAPHS) throw new ParseError(`onnx: more than ${MAX_GRAPHS} graphs and functions`);
            if (a.field === 6 || a.field === 11) work.push({ kind: 'graph', start: a.start, end: a.end, where: `${where}/subgraph`, depth: w.depth + 1 });
            else if (a.field === 5 || a.field === 10) await tensor(r, a, where, model);
          }
        }
      }
      const k = `${domain}\0${opType}`;
      const seen = opIndex.get(k);
      if (seen) seen.count++;
      else {
        const kind = { domain, opType, count: 1, where };
        opIndex.set(k, kind);
        model.ops.push(kind);
      }
    };
    // Functions list their name (1) and domain (10) after their nodes (7): label them first.
    if (w.kind === 'function') {
      for await (const f of fields(r, w.start, w.end)) {
        if (f.wire !== WIRE_LEN) continue;
        if (f.field === 1) fnName = await str(r, f, 200);
        else if (f.field === 10) fnDomain = await str(r, f, 200);
      }
      model.functions.push({ domain: fnDomain, name: fnName });
      where = `function ${fnDomain ? fnDomain + '.' : ''}${fnName}`;
    }
    for await (const f of fields(r, w.start, w.end)) {
      tick();
      if (f.wire !== WIRE_LEN) continue;
      if (w.kind === 'graph') {
        if (f.field === 1) await node(f);
        else if (f.field === 2) where = `${w.where}:${await str(r, f, 200)}`;
        else if (f.field === 5) {
          model.initializerCount++;
          await tensor(r, f, where, model);
        } else if (f.field === 15) {
          // SparseTensorProto: values (1) and indices (2) are tensors that may live externally too.
          for await (const s of fields(r, f.start, f.end)) if ((s.field === 1 || s.field === 2) && s.wire === WIRE_LEN) await tensor(r, s, where, model);
        }
      } else if (f.field === 7) await node(f);
    }
  }
}

async function opset(r: WindowReader, f: Field): Promise<{ domain: string; version?: number }> {
  const o: { domain: string; version?: number } = { domain: '' };
  for await (const x of fields(r, f.start, f.end)) {
    if (x.field === 1 && x.wire === WIRE_LEN) o.domain = await str(r, x, 200);
    else if (x.field === 2 && x.wire === 0) o.version = x.value;
  }
  return o;
}

/** TensorProto: name (8), external_data (13: key/value entries), data_location (14). */
async function tensor(r: WindowReader, f: Field, where: string, model: OnnxModel): Promise<void> {
  let name = '';
  let location: string | undefined;
  for await (const x of fields(r, f.start, f.end)) {
    if (x.wire !== WIRE_LEN) continue;
    if (x.field === 8) name = await str(r, x, 200);
    else if (x.field === 13) {
      let key = '';
      let value = '';
      for await (const kv of fields(r, x.start, x.end)) {
        if (kv.wire !== WIRE_LEN) continue;
        if (kv.field === 1) key = await str(r, kv, 100);
        else if (kv.field === 2) value = await str(r, kv, 4096);
      }
      if (key === 'location') location = value;
    }
  }
  if (location !== undefined && model.externalData.length < MAX_EXTERNAL) model.externalData.push({ tensor: name, location, where });
}
