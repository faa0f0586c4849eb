// Just enough of the protobuf wire format to walk ONNX and TensorFlow graphs without a schema
// compiler: fields are (tag varint, payload), payload lengths are checked against the enclosing
// message before anything is read, and length-delimited fields we do not need (tensor raw_data,
// which is most of the file) are skipped, never read. Nested messages are visited from an explicit
// work list by the callers, so hostile nesting cannot grow the call stack. The encoder writes only
// the two wire types the probe's gRPC requests need (varint, length-delimited).
import { ParseError } from '../core/errors.js';
import { WindowReader } from './window-reader.js';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export interface Field {
  field: number;
  wire: number;
  /** Varint value (wire 0). */
  value: number;
  /** Payload span for wire 2 (absolute offsets). */
  start: number;
  end: number;
}

/** Iterates the fields of the message spanning [start, end). Length-delimited payloads are skipped. */
export async function* fields(r: WindowReader, start: number, end: number): AsyncGenerator<Field> {
  r.seek(start);
  while (r.pos < end) {
    const tag = await r.varint('field tag');
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new ParseError(`protobuf: field number 0 at offset ${r.pos}`, r.pos);
    let f: Field;
    if (wire === WIRE_VARINT) {
      f = { field, wire, value: await r.varint('field value'), start: 0, end: 0 };
    } else if (wire === WIRE_LEN) {
      const len = await r.varint('field length');
      if (len > end - r.pos) throw new ParseError(`protobuf: field ${field} declares ${len} bytes at offset ${r.pos}, past the end of its message`, r.pos);
      f = { field, wire, value: len, start: r.pos, end: r.pos + len };
      r.skip(len);
    } else if (wire === WIRE_I64) {
      if (end - r.pos < 8) throw new ParseError(`protobuf: truncated 64-bit field at offset ${r.pos}`, r.pos);
      r.skip(8);
      f = { field, wire, value: 0, start: 0, end: 0 };
    } else if (wire === WIRE_I32) {
      if (end - r.pos < 4) throw new ParseError(`protobuf: truncated 32-bit field at offset ${r.pos}`, r.pos);
      r.skip(4);
      f = { field, wire, value: 0, start: 0, end: 0 };
    } else {
      throw new ParseError(`protobuf: unsupported wire type ${wire} at offset ${r.pos}`, r.pos);
    }
    const resume = r.pos;
    yield f;
    r.seek(resume);
  }
  if (r.pos !== end) throw new ParseError(`protobuf: message overruns its declared end at offset ${end}`, end);
}

/** Reads a (bounded) string payload; longer strings are truncated to `max` bytes. */
export async function str(r: WindowReader, f: Field, max = 4096): Promise<string> {
  const len = Math.min(f.end - f.start, max);
  if (len === 0) return '';
  const save = r.pos;
  r.seek(f.start);
  await r.need(len, 'string');
  const s = r.bytes(len).toString('utf8');
  r.seek(save);
  return s;
}

/**
 * A cheap plausibility test for "this file is a protobuf message": the first fields must decode with
 * known wire types and in-bounds lengths. ONNX and SavedModel files have no magic number.
 */
export async function looksLikeProtobuf(r: WindowReader, end: number, allowedFields: Set<number>, probe = 4): Promise<boolean> {
  let n = 0;
  try {
    for await (const f of fields(r, 0, end)) {
      if (!allowedFields.has(f.field)) return false;
      if (++n >= probe) break;
    }
    return n > 0;
  } catch {
    // A damaged message that starts like one is still that format: the walk reports the damage.
    return n > 0;
  }
}

/** One field to write: a varint (wire 0) or a length-delimited payload (wire 2, strings as UTF-8). */
export interface EncodeField {
  field: number;
  varint?: number;
  bytes?: Buffer | string;
}

/** Serializes a message of varint and length-delimited fields, in the order given. */
export function encodeMessage(message: EncodeField[]): Buffer {
  const parts: number[] = [];
  const varint = (v: number) => {
    let n = v;
    while (n > 0x7f) {
      parts.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    parts.push(n);
  };
  const chunks: Buffer[] = [];
  for (const f of message) {
    if (f.bytes !== undefined) {
      const b = typeof f.bytes === 'string' ? Buffer.from(f.bytes, 'utf8') : f.bytes;
      varint(f.field * 8 + WIRE_LEN);
      varint(b.length);
      chunks.push(Buffer.from(parts.splice(0)), b);
    } else {
      varint(f.field * 8 + WIRE_VARINT);
      varint(f.varint ?? 0);
      chunks.push(Buffer.from(parts.splice(0)));
    }
  }
  return Buffer.concat(chunks);
}
