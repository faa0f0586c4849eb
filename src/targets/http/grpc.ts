// The few pieces of gRPC the probe needs to recognise Ray's gRPC ports (GCS, client server): one
// unary call over HTTP/2 cleartext (node:http2, prior knowledge), a length-prefixed message frame,
// the grpc-status from the trailers (or a trailers-only answer), and a declarative check of a reply's
// fields (decoded by the one protobuf reader, src/io/protobuf.ts). Nothing here is a general gRPC
// client: no streaming, no compression, no TLS, one call per session, the reply capped and the wall
// time bounded.
import http2 from 'node:http2';
import { ParseError } from '../../core/errors.js';
import { fields, WIRE_LEN, WIRE_VARINT, type Field } from '../../io/protobuf.js';
import { MemorySource } from '../../io/sources.js';
import { WindowReader } from '../../io/window-reader.js';
import type { ReplyField } from '../../knowledge/probe/schema.js';

/** gRPC status codes the probe interprets (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GRPC_OK = 0;
export const GRPC_UNIMPLEMENTED = 12;
export const GRPC_UNAUTHENTICATED = 16;

export const GRPC_STATUS_NAMES: Record<number, string> = {
  0: 'OK',
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

export interface GrpcCall {
  host: string;
  port: number;
  /** Fully-qualified method path: /package.Service/Method */
  method: string;
  /** The serialized request message (without the 5-byte frame prefix). */
  message: Buffer;
  /** Extra metadata (lower-case names), e.g. authorization. */
  metadata?: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
}

export interface GrpcReply {
  /** The HTTP/2 :status. */
  httpStatus: number;
  contentType: string;
  /** From the trailers, or from the headers of a trailers-only answer; undefined when absent. */
  grpcStatus?: number;
  grpcMessage?: string;
  /** The first message of the reply, unframed; undefined when none or not a well-formed frame. */
  message?: Buffer;
  truncated: boolean;
  ms: number;
}

/** Frames one uncompressed gRPC message: flag 0, 4-byte big-endian length, payload. */
export function frame(message: Buffer): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out.writeUInt8(0, 0);
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
}

/** The first uncompressed message of a framed body, or undefined. */
export function unframe(body: Buffer): Buffer | undefined {
  if (body.length < 5 || body[0] !== 0) return undefined;
  const len = body.readUInt32BE(1);
  if (len > body.length - 5) return undefined;
  return body.subarray(5, 5 + len);
}

function decodeGrpcMessage(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * One unary gRPC call over h2c. Resolves undefined when the peer does not speak HTTP/2 (an HTTP/1
 * server, Redis, TLS), refuses, resets or times out; never throws.
 */
export function grpcUnary(call: GrpcCall): Promise<GrpcReply | undefined> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let session: http2.ClientHttp2Session | undefined;
    const done = (r: GrpcReply | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (session) {
        session.removeAllListeners('error');
        session.on('error', () => undefined);
        session.destroy();
      }
      resolve(r);
    };
    const timer = setTimeout(() => done(undefined), call.timeoutMs);
    const host = call.host.includes(':') && !call.host.startsWith('[') ? `[${call.host}]` : call.host;
    try {
      session = http2.connect(`http://${host}:${call.port}`, { maxSessionMemory: 1, settings: { enablePush: false } });
    } catch {
      done(undefined);
      return;
    }
    session.on('error', () => done(undefined));
    session.on('goaway', () => undefined);
    let req: http2.ClientHttp2Stream;
    try {
      req = session.request({
        ':method': 'POST',
        ':path': call.method,
        'content-type': 'application/grpc',
        te: 'trailers',
        'grpc-timeout': `${Math.max(1, call.timeoutMs)}m`,
        'user-agent': 'mlwarden-probe grpc (+https://github.com/mlwarden/mlwarden)',
        ...call.metadata,
      });
    } catch {
      done(undefined);
      return;
    }
    let headers: http2.IncomingHttpHeaders | undefined;
    let trailers: http2.IncomingHttpHeaders | undefined;
    const chunks: Buffer[] = [];
    let got = 0;
    let truncated = false;
    const finish = () => {
      if (!headers) return done(undefined);
      const st = trailers?.['grpc-status'] ?? headers['grpc-status'];
      const msg = trailers?.['grpc-message'] ?? headers['grpc-message'];
      const n = typeof st === 'string' && /^\d{1,2}$/.test(st) ? Number(st) : undefined;
      const body = Buffer.concat(chunks);
      done({
        httpStatus: Number(headers[':status'] ?? 0),
        contentType: String(headers['content-type'] ?? ''),
        ...(n !== undefined ? { grpcStatus: n } : {}),
        ...(typeof msg === 'string' ? { grpcMessage: decodeGrpcMessage(msg)?.slice(0, 512) } : {}),
        ...(unframe(body) ? { message: unframe(body) } : {}),
        truncated,
        ms: Date.now() - started,
      });
    };
    req.on('response', (h) => (headers = h));
    req.on('trailers', (t) => (trailers = t));
    req.on('data', (c: Buffer) => {
      if (truncated) return;
      const room = call.maxBodyBytes - got;
      if (c.length > room) {
        chunks.push(c.subarray(0, room));
        got = call.maxBodyBytes;
        truncated = true;
        finish();
        return;
      }
      chunks.push(c);
      got += c.length;
    });
    req.on('end', finish);
    req.on('close', finish);
    req.on('error', () => (headers ? finish() : done(undefined)));
    req.end(frame(call.message));
  });
}

// ---- a reply's fields, read with the shared protobuf wire reader (src/io/protobuf.ts) ----

/** Field numbers above 2^29 - 1 are not valid protobuf: bytes that carry one are not a reply. */
const MAX_FIELD_NUMBER = 536_870_911;
/** A Ray reply has a handful of fields; more than this is not the message we asked for. */
const MAX_REPLY_FIELDS = 256;

/** The fields of the message spanning [start, end) of `buf`; undefined when it is not well-formed protobuf. */
async function replyFields(buf: Buffer, start = 0, end = buf.length): Promise<Field[] | undefined> {
  const out: Field[] = [];
  try {
    for await (const f of fields(new WindowReader(new MemorySource(buf)), start, end)) {
      if (f.field > MAX_FIELD_NUMBER || out.length === MAX_REPLY_FIELDS) return undefined;
      out.push(f);
    }
  } catch (e) {
    if (e instanceof ParseError) return undefined;
    throw e;
  }
  return out;
}

/** Checks a reply against its expected fields (a fingerprint's `reply`); returns the evidence text, or undefined when it does not match. */
export async function matchReply(message: Buffer | undefined, expect: ReplyField[]): Promise<string | undefined> {
  if (!message) return undefined;
  const got = await replyFields(message);
  if (!got) return undefined;
  const seen: string[] = [];
  for (const e of expect) {
    const f = got.find((x) => x.field === e.no);
    if (!f) {
      if (e.optional) continue;
      return undefined;
    }
    if (e.type === 'varint') {
      if (f.wire !== WIRE_VARINT) return undefined;
      if (e.values && !e.values.includes(f.value)) return undefined;
      seen.push(`${e.name} = ${f.value}`);
      continue;
    }
    if (f.wire !== WIRE_LEN) return undefined;
    const payload = message.subarray(f.start, f.end);
    if (e.type === 'bytes') {
      if (e.length !== undefined && payload.length !== e.length) return undefined;
      seen.push(`${e.name} = ${payload.length} bytes`);
    } else if (e.type === 'message') {
      if (!(await replyFields(message, f.start, f.end))) return undefined;
      seen.push(`${e.name} (message)`);
    } else {
      const text = payload.toString('utf8');
      if (!Buffer.from(text, 'utf8').equals(payload)) return undefined;
      if (e.type === 'json-object') {
        let v: unknown;
        try {
          v = JSON.parse(text);
        } catch {
          return undefined;
        }
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      }
      seen.push(`${e.name} = ${JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}...` : text)}`);
    }
  }
  return seen.length ? seen.join(', ') : 'empty reply message';
}
