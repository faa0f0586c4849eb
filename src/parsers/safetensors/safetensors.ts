// safetensors: `u64 N` (little-endian) + N bytes of UTF-8 JSON header + a flat byte buffer. The
// header maps tensor names to {dtype, shape, data_offsets:[begin,end]} (relative to the buffer) and
// may hold `__metadata__` (string -> string). This reader mirrors the checks of the reference Rust
// loader (safetensors/src/tensor.rs: 100 MB header cap, contiguous offsets from 0 to the buffer end,
// byte length = numel * dtype size) and reads ONLY the header: a 10 GiB file costs one small read.
// It records every inconsistency as an issue code; rules decide what each one means.
import { ParseError } from '../../core/errors.js';
import type { Entry, Parser } from '../../core/types.js';
import { scanJson } from './json-scan.js';

/** The reference loader's cap (MAX_HEADER_SIZE). */
export const MAX_HEADER_BYTES = 100_000_000;

/** Bits per element; sub-byte types (F4, F6) pack elements and must fill whole bytes. */
export const DTYPE_BITS: Record<string, number> = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  F64: 64,
  I64: 64,
  U64: 64,
  C64: 64,
};

export type SafetensorsIssueCode =
  | 'header-length-too-small'
  | 'header-length-too-large'
  | 'header-beyond-file'
  | 'header-not-utf8'
  | 'header-invalid-json'
  | 'header-not-object'
  | 'header-trailing-bytes'
  | 'header-too-deep'
  | 'duplicate-key'
  | 'metadata-not-object'
  | 'metadata-not-string'
  | 'tensor-invalid-info'
  | 'unknown-dtype'
  | 'offsets-outside-buffer'
  | 'offsets-overlap'
  | 'offsets-gap'
  | 'trailing-data'
  | 'shape-mismatch';

export interface SafetensorsIssue {
  code: SafetensorsIssueCode;
  message: string;
  tensor?: string;
  jsonPointer?: string;
}

export interface TensorInfo {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsModel {
  fileSize: number;
  headerLength: number;
  /** Offset of the byte buffer (8 + header length). */
  dataStart: number;
  tensors: TensorInfo[];
  metadata?: Record<string, unknown>;
  issues: SafetensorsIssue[];
  /** False when the header could not be parsed at all (the layout checks did not run). */
  headerParsed: boolean;
}

function isUint(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function ptr(name: string): string {
  return '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function analyseHeader(model: SafetensorsModel, text: string): void {
  const { issues } = model;
  // The Rust loader parses the whole header with serde_json: only JSON whitespace may follow it.
  const scan = scanJson(text);
  if (scan.depthExceeded) {
    issues.push({ code: 'header-too-deep', message: `header JSON nests more than ${scan.maxDepth - 1} levels deep` });
    return;
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    let te = text.length;
    while (te > 0 && ' \t\r\n\0'.includes(text[te - 1])) te--;
    const trimmed = text.slice(0, te);
    const nul = text.indexOf('\0');
    // Some writers pad with NULs; the reference loader rejects them, but the JSON itself may be fine.
    if (nul >= 0 && trimmed.length < text.length) {
      try {
        header = JSON.parse(trimmed);
        issues.push({ code: 'header-trailing-bytes', message: 'header is padded with NUL bytes after the JSON (the reference loader rejects this)' });
      } catch {
        /* fall through */
      }
    }
    if (header === undefined) {
      issues.push({ code: 'header-invalid-json', message: `header is not valid JSON: ${(e as Error).message.slice(0, 200)}` });
      return;
    }
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    issues.push({ code: 'header-not-object', message: 'header JSON is not an object' });
    return;
  }
  model.headerParsed = true;
  for (const d of scan.duplicateKeys) {
    issues.push({ code: 'duplicate-key', message: `key '${d.key.slice(0, 200)}' appears more than once (loaders disagree on which one wins)`, jsonPointer: d.pointer || '/', tensor: d.key });
  }
  const bufferLength = model.fileSize - model.dataStart;
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof info !== 'object' || info === null || Array.isArray(info)) {
        issues.push({ code: 'metadata-not-object', message: '__metadata__ is not an object of strings', jsonPointer: '/__metadata__' });
        continue;
      }
      model.metadata = info as Record<string, unknown>;
      for (const [k, v] of Object.entries(info)) {
        if (typeof v !== 'string') issues.push({ code: 'metadata-not-string', message: `__metadata__ value '${k.slice(0, 100)}' is a ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v}, not a string`, jsonPointer: `/__metadata__${ptr(k)}` });
      }
      continue;
    }
    const t = info as Record<string, unknown> | null;
    const offsets = t && typeof t === 'object' ? t.data_offsets : undefined;
    if (
      !t ||
      typeof t !== 'object' ||
      typeof t.dtype !== 'string' ||
      !Array.isArray(t.shape) ||
      !t.shape.every(isUint) ||
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every(isUint)
    ) {
      issues.push({ code: 'tensor-invalid-info', message: `tensor '${name.slice(0, 200)}' lacks a valid dtype, shape or data_offsets`, tensor: name, jsonPointer: ptr(name) });
      continue;
    }
    const [begin, end] = offsets as number[];
    const tensor: TensorInfo = { name, dtype: t.dtype, shape: t.shape as number[], begin, end };
    model.tensors.push(tensor);
    if (end < begin || end > bufferLength) {
      issues.push({
        code: 'offsets-outside-buffer',
        message: end < begin ? `tensor '${name.slice(0, 200)}' ends (${end}) before it begins (${begin})` : `tensor '${name.slice(0, 200)}' data [${begin}, ${end}) lies outside the ${bufferLength}-byte data buffer`,
        tensor: name,
        jsonPointer: `${ptr(name)}/data_offsets`,
      });
    }
    const bits = DTYPE_BITS[t.dtype];
    if (bits === undefined) {
      issues.push({ code: 'unknown-dtype', message: `tensor '${name.slice(0, 200)}' has unknown dtype '${t.dtype.slice(0, 50)}'`, tensor: name, jsonPointer: `${ptr(name)}/dtype` });
      continue;
    }
    let numel = 1n;
    for (const d of tensor.shape) numel *= BigInt(d);
    const totalBits = numel * BigInt(bits);
    if (end >= begin && (totalBits % 8n !== 0n || totalBits / 8n !== BigInt(end - begin))) {
      issues.push({
        code: 'shape-mismatch',
        message: `tensor '${name.slice(0, 200)}' is ${t.dtype}[${tensor.shape.join(', ')}] (${totalBits % 8n === 0n ? String(totalBits / 8n) : `${totalBits} bits`}) but its offsets span ${end - begin} bytes`,
        tensor: name,
        jsonPointer: ptr(name),
      });
    }
  }
  // Layout: sorted by begin, the reference loader requires each tensor to start where the previous
  // one ended, from 0 to exactly the end of the buffer.
  const sorted = model.tensors.filter((t) => t.end >= t.begin).sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  let prev: TensorInfo | undefined;
  let reported = 0;
  for (const t of sorted) {
    if (reported >= 100) break;
    if (t.begin < cursor && prev) {
      issues.push({ code: 'offsets-overlap', message: `tensor '${t.name.slice(0, 200)}' [${t.begin}, ${t.end}) overlaps '${prev.name.slice(0, 200)}' [${prev.begin}, ${prev.end})`, tensor: t.name, jsonPointer: `${ptr(t.name)}/data_offsets` });
      reported++;
    } else if (t.begin > cursor) {
      issues.push({ code: 'offsets-gap', message: `${t.begin - cursor} unreferenced bytes before tensor '${t.name.slice(0, 200)}' (offset ${cursor} to ${t.begin})`, tensor: t.name, jsonPointer: `${ptr(t.name)}/data_offsets` });
      reported++;
    }
    if (t.end > cursor) {
      cursor = t.end;
      prev = t;
    }
  }
  if (cursor < bufferLength) {
    issues.push({ code: 'trailing-data', message: `${bufferLength - cursor} bytes after the last tensor (offset ${model.dataStart + cursor} of the file) belong to no tensor` });
  }
}

export const safetensorsParser: Parser<SafetensorsModel> = {
  id: 'safetensors',
  accepts: (entry: Entry) =>
    entry.type.kind === 'safetensors' || (/\.safetensors$/i.test(entry.name) && !entry.type.text && entry.type.kind !== 'zip' && entry.type.kind !== 'empty'),
  async parse(entry, ctx) {
    const src = entry.source;
    const fileSize = src.size;
    const model: SafetensorsModel = { fileSize, headerLength: 0, dataStart: 8, tensors: [], issues: [], headerParsed: false };
    const head = await src.read(0, 8);
    if (head.length < 8) throw new ParseError(`safetensors: ${head.length}-byte file is too small to hold the header length`);
    const declared = head.readBigUInt64LE(0);
    if (declared < 2n) {
      model.issues.push({ code: 'header-length-too-small', message: `header length ${declared} cannot hold a JSON object` });
      return model;
    }
    if (declared > BigInt(MAX_HEADER_BYTES)) {
      model.issues.push({ code: 'header-length-too-large', message: `header length ${declared} is over the ${MAX_HEADER_BYTES}-byte cap of the reference loader` });
      return model;
    }
    const n = Number(declared);
    model.headerLength = n;
    model.dataStart = 8 + n;
    if (8 + n > fileSize) {
      model.issues.push({ code: 'header-beyond-file', message: `header length ${n} runs past the end of the ${fileSize}-byte file (truncated or lying length)` });
      return model;
    }
    if (n > ctx.limits.maxEntryBytes) throw new ParseError(`safetensors: ${n}-byte header is over maxEntryBytes`);
    const raw = await src.read(8, n);
    if (raw.length < n) {
      model.issues.push({ code: 'header-beyond-file', message: `header length ${n} runs past the end of the data (only ${raw.length} bytes)` });
      return model;
    }
    const text = new TextDecoder('utf-8', { fatal: true });
    let decoded: string;
    try {
      decoded = text.decode(raw);
    } catch {
      model.issues.push({ code: 'header-not-utf8', message: 'header is not valid UTF-8' });
      return model;
    }
    analyseHeader(model, decoded);
    return model;
  },
};
