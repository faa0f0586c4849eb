// GGUF (llama.cpp): "GGUF", u32 version, tensor count, metadata KV count, the KVs, the tensor
// infos, then aligned tensor data. Layout per ggml/docs/gguf.md; v1 used u32 counts and lengths,
// v2+ u64. Every count and length here is attacker-controlled, so nothing is allocated from one:
// strings are bounded, arrays are walked (not materialised) unless they are chat templates, and a
// count that cannot fit in the bytes left is reported instead of followed. Tensor payloads are
// never read: the reader stops at the end of the tensor infos.
import { ParseError, LimitExceededError } from '../../core/errors.js';
import type { Entry, Parser } from '../../core/types.js';
import { WindowReader } from '../../io/window-reader.js';

export const GGUF_TYPES = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'bool', 'string', 'array', 'u64', 'i64', 'f64'] as const;
const FIXED_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

/** ggml_type -> [block size (elements), bytes per block]; unknown types skip the size check. */
export const GGML_TYPE_SIZES: Record<number, [number, number]> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  9: [32, 36], // Q8_1
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  15: [256, 292], // Q8_K
  16: [256, 66], // IQ2_XXS
  17: [256, 74], // IQ2_XS
  18: [256, 98], // IQ3_XXS
  19: [256, 50], // IQ1_S
  20: [32, 18], // IQ4_NL
  21: [256, 110], // IQ3_S
  22: [256, 82], // IQ2_S
  23: [256, 136], // IQ4_XS
  24: [1, 1], // I8
  25: [1, 2], // I16
  26: [1, 4], // I32
  27: [1, 8], // I64
  28: [1, 8], // F64
  29: [256, 56], // IQ1_M
  30: [1, 2], // BF16
};
const MAX_GGML_TYPE = 64;
const MAX_DIMS = 4;

/** Bounds chosen far above real files (keys are short identifiers; a 256k-token vocabulary is big). */
export const GGUF_LIMITS = {
  maxKeyBytes: 64 * 1024,
  maxStringBytes: 64 * 1024 * 1024,
  /** String values kept in the model (longer ones are kept truncated, with their full length). */
  keepStringBytes: 1024 * 1024,
  maxTensorNameBytes: 64 * 1024,
  /** Elements kept from string arrays whose key names a chat template. */
  keepArrayStrings: 64,
};

export type GgufIssueCode = 'bad-version' | 'count-too-large' | 'length-too-large' | 'bad-value-type' | 'truncated' | 'bad-tensor-info' | 'tensor-outside-file' | 'tensor-overlap' | 'duplicate-key' | 'bad-alignment';

export interface GgufIssue {
  code: GgufIssueCode;
  message: string;
  key?: string;
}

export interface GgufValue {
  type: (typeof GGUF_TYPES)[number];
  /** Scalars and (possibly truncated) strings; arrays: count and element type, plus kept strings. */
  value?: string | number | boolean;
  /** Full byte length of a string value (it may be truncated in `value`). */
  length?: number;
  arrayType?: (typeof GGUF_TYPES)[number];
  count?: number;
  strings?: string[];
  offset: number;
}

export interface GgufTensor {
  name: string;
  dims: number[];
  type: number;
  offset: number;
}

export interface GgufModel {
  version: number;
  tensorCount: number;
  kvCount: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensor[];
  issues: GgufIssue[];
  /** False when a problem stopped the reader before the end of the tensor infos. */
  complete: boolean;
  dataStart?: number;
}

function keepArrayOf(key: string): boolean {
  return key.includes('chat_template');
}

export const ggufParser: Parser<GgufModel> = {
  id: 'gguf',
  accepts: (entry: Entry) => entry.type.kind === 'gguf',
  async parse(entry, ctx) {
    const r = new WindowReader(entry.source);
    const model: GgufModel = { version: 0, tensorCount: 0, kvCount: 0, metadata: new Map(), tensors: [], issues: [], complete: false };
    await r.need(8, 'header');
    r.skip(4);
    model.version = r.u32();
    if (model.version < 1 || model.version > 3) {
      model.issues.push({ code: 'bad-version', message: `GGUF version ${model.version} is not one this reader (or llama.cpp) knows (1-3)` });
      if (model.version === 0 || model.version > 0xffff) return model;
    }
    const v1 = model.version === 1;
    const count = async (what: string): Promise<number> => {
      await r.need(v1 ? 4 : 8, what);
      return v1 ? r.u32() : r.u64();
    };
    const readString = async (what: string, max: number, keep: number): Promise<{ s: string; length: number }> => {
      const len = await count(`${what} length`);
      if (len > max || len > r.remaining) {
        throw new GgufStop('length-too-large', `${what} declares ${len === Infinity ? 'more than 2^53' : len} bytes at offset ${r.pos}${len > r.remaining ? `, past the end of the file` : ` (limit ${max})`}`);
      }
      const take = Math.min(len, keep);
      if (take === 0) {
        r.skip(len);
        return { s: '', length: len };
      }
      await r.need(take, what);
      const s = r.bytes(take).toString('utf8');
      r.skip(len - take);
      return { s, length: len };
    };
    try {
      model.tensorCount = await count('tensor count');
      model.kvCount = await count('metadata count');
      // Each KV needs at least a key length and a type; each tensor info at least 4 fields.
      if (model.kvCount * 9 > r.remaining) throw new GgufStop('count-too-large', `metadata count ${model.kvCount} cannot fit in the ${r.remaining} bytes left`);
      if (model.tensorCount * 16 > r.remaining) throw new GgufStop('count-too-large', `tensor count ${model.tensorCount} cannot fit in the ${r.remaining} bytes left`);
      for (let i = 0; i < model.kvCount; i++) {
        if ((i & 1023) === 0) ctx.checkTime();
        const offset = r.pos;
        const { s: key } = await readString('metadata key', GGUF_LIMITS.maxKeyBytes, GGUF_LIMITS.maxKeyBytes);
        await r.need(4, 'value type');
        const t = r.u32();
        const value = await readValue(t, key, offset);
        if (model.metadata.has(key)) model.issues.push({ code: 'duplicate-key', message: `metadata key '${key.slice(0, 200)}' appears more than once (readers disagree on which wins)`, key });
        else model.metadata.set(key, value);
      }
      for (let i = 0; i < model.tensorCount; i++) {
        if ((i & 1023) === 0) ctx.checkTime();
        const { s: name } = await readString('tensor name', GGUF_LIMITS.maxTensorNameBytes, GGUF_LIMITS.maxTensorNameBytes);
        await r.need(4, 'tensor dims');
        const nd = r.u32();
        if (nd > MAX_DIMS) throw new GgufStop('bad-tensor-info', `tensor '${name.slice(0, 200)}' has ${nd} dimensions (ggml allows ${MAX_DIMS})`);
        await r.need(nd * (v1 ? 4 : 8) + 12, 'tensor info');
        const dims: number[] = [];
        for (let d = 0; d < nd; d++) dims.push(v1 ? r.u32() : r.u64());
        const type = r.u32();
        const off = r.u64();
        if (model.tensors.length < 1_000_000) model.tensors.push({ name, dims, type, offset: off });
      }
      model.dataStart = r.pos;
      model.complete = true;
    } catch (e) {
      if (e instanceof GgufStop) model.issues.push({ code: e.code, message: e.message });
      else if (e instanceof ParseError) model.issues.push({ code: 'truncated', message: `GGUF ends early: ${e.message}` });
      else if (e instanceof LimitExceededError) throw e;
      else throw e;
    }
    if (model.complete) checkTensors(model, entry.source.size);
    return model;

    async function readValue(t: number, key: string, offset: number): Promise<GgufValue> {
      const type = GGUF_TYPES[t];
      if (type === undefined) throw new GgufStop('bad-value-type', `metadata '${key.slice(0, 200)}' has unknown value type ${t}`);
      if (type === 'string') {
        const { s, length } = await readString(`value of '${key.slice(0, 100)}'`, GGUF_LIMITS.maxStringBytes, GGUF_LIMITS.keepStringBytes);
        return { type, value: s, length, offset };
      }
      if (type === 'array') {
        await r.need(4, 'array type');
        const et = r.u32();
        const etype = GGUF_TYPES[et];
        const n = await count('array length');
        if (etype === undefined || etype === 'array') throw new GgufStop('bad-value-type', `metadata '${key.slice(0, 200)}' is an array of ${etype ?? `unknown type ${et}`}`);
        const size = FIXED_SIZE[et];
        if (size !== undefined) {
          if (n * size > r.remaining) throw new GgufStop('count-too-large', `array '${key.slice(0, 200)}' declares ${n} elements of ${size} bytes, more than the ${r.remaining} bytes left`);
          r.skip(n * size);
          return { type, arrayType: etype, count: n, offset };
        }
        // Strings: each needs at least its length prefix.
        if (n * (v1 ? 4 : 8) > r.remaining) throw new GgufStop('count-too-large', `array '${key.slice(0, 200)}' declares ${n} strings, more than the ${r.remaining} bytes left can hold`);
        const keep = keepArrayOf(key);
        const strings: string[] = [];
        if (!keep) {
          // Vocabularies hold 100k+ strings: skip them in a synchronous loop over the buffered window.
          const lenSize = v1 ? 4 : 8;
          for (let i = 0; i < n; i++) {
            if (!r.has(lenSize)) {
              ctx.checkTime();
              await r.need(lenSize, `length of element ${i} of '${key.slice(0, 100)}'`);
            }
            const len = v1 ? r.u32() : r.u64();
            if (len > GGUF_LIMITS.maxStringBytes || len > r.remaining) {
              throw new GgufStop('length-too-large', `element ${i} of '${key.slice(0, 200)}' declares ${len === Infinity ? 'more than 2^53' : len} bytes at offset ${r.pos}, past the end of the file`);
            }
            r.skip(len);
          }
          return { type, arrayType: etype, count: n, offset };
        }
        for (let i = 0; i < n; i++) {
          if ((i & 65535) === 65535) ctx.checkTime();
          const { s } = await readString(`element ${i} of '${key.slice(0, 100)}'`, GGUF_LIMITS.maxStringBytes, keep && strings.length < GGUF_LIMITS.keepArrayStrings ? GGUF_LIMITS.keepStringBytes : 0);
          if (keep && strings.length < GGUF_LIMITS.keepArrayStrings) strings.push(s);
        }
        return { type, arrayType: etype, count: n, offset, ...(keep ? { strings } : {}) };
      }
      const size = FIXED_SIZE[t];
      await r.need(size, `value of '${key.slice(0, 100)}'`);
      let value: number | boolean;
      switch (type) {
        case 'u8': value = r.u8(); break;
        case 'i8': value = (r.u8() << 24) >> 24; break;
        case 'u16': value = r.u16(); break;
        case 'i16': value = (r.u16() << 16) >> 16; break;
        case 'u32': value = r.u32(); break;
        case 'i32': value = r.i32(); break;
        case 'f32': value = r.f32(); break;
        case 'bool': value = r.u8() !== 0; break;
        case 'u64': value = r.u64(); break;
        case 'i64': value = r.i64(); break;
        default: value = r.f64();
      }
      return { type, value, offset };
    }
  },
};

class GgufStop extends Error {
  constructor(readonly code: GgufIssueCode, message: string) {
    super(message);
  }
}

function checkTensors(model: GgufModel, fileSize: number): void {
  const alignV = model.metadata.get('general.alignment');
  let alignment = 32;
  if (alignV) {
    const a = typeof alignV.value === 'number' ? alignV.value : NaN;
    if (!Number.isInteger(a) || a <= 0 || a > 1 << 20 || (a & (a - 1)) !== 0) model.issues.push({ code: 'bad-alignment', message: `general.alignment ${String(alignV.value)} is not a power of two llama.cpp accepts` });
    else alignment = a;
  }
  const dataStart = Math.ceil(model.dataStart! / alignment) * alignment;
  const dataSize = fileSize - dataStart;
  const spans: Array<{ t: GgufTensor; end: number }> = [];
  let reported = 0;
  const seen = new Set<string>();
  for (const t of model.tensors) {
    if (reported >= 100) break;
    if (seen.has(t.name)) {
      model.issues.push({ code: 'bad-tensor-info', message: `tensor name '${t.name.slice(0, 200)}' appears more than once`, key: t.name });
      reported++;
    }
    seen.add(t.name);
    if (t.type > MAX_GGML_TYPE) {
      model.issues.push({ code: 'bad-tensor-info', message: `tensor '${t.name.slice(0, 200)}' has unknown ggml type ${t.type}`, key: t.name });
      reported++;
      continue;
    }
    if (t.offset % alignment !== 0) {
      model.issues.push({ code: 'bad-tensor-info', message: `tensor '${t.name.slice(0, 200)}' offset ${t.offset} is not aligned to ${alignment}`, key: t.name });
      reported++;
    }
    const sz = GGML_TYPE_SIZES[t.type];
    if (!sz) continue;
    let numel = 1;
    for (const d of t.dims) numel *= d;
    if (!Number.isFinite(numel) || numel % sz[0] !== 0) {
      model.issues.push({ code: 'bad-tensor-info', message: `tensor '${t.name.slice(0, 200)}' shape [${t.dims.join(', ')}] does not fit ggml type ${t.type}'s block size`, key: t.name });
      reported++;
      continue;
    }
    const bytes = (numel / sz[0]) * sz[1];
    const end = t.offset + bytes;
    if (!Number.isFinite(end) || end > dataSize) {
      model.issues.push({ code: 'tensor-outside-file', message: `tensor '${t.name.slice(0, 200)}' [${t.offset}, ${end}) runs past the ${Math.max(0, dataSize)}-byte data section`, key: t.name });
      reported++;
      continue;
    }
    spans.push({ t, end });
  }
  spans.sort((a, b) => a.t.offset - b.t.offset);
  for (let i = 1; i < spans.length && reported < 100; i++) {
    if (spans[i].t.offset < spans[i - 1].end) {
      model.issues.push({ code: 'tensor-overlap', message: `tensor '${spans[i].t.name.slice(0, 200)}' overlaps '${spans[i - 1].t.name.slice(0, 200)}'`, key: spans[i].t.name });
      reported++;
    }
  }
}
