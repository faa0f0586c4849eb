// An HTTP/2 cleartext gRPC server for the emulators of Ray's two gRPC ports (ray-gcs.ts,
// ray-client.ts), and gRPC decoys: one that answers UNIMPLEMENTED to everything and one that answers
// OK with an empty reply to everything. Unknown methods answer trailers-only UNIMPLEMENTED, as gRPC
// servers do.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { unframe, frame } from '../../../src/targets/http/grpc.js';
import { rayClient } from './ray-client.js';
import { rayGcs } from './ray-gcs.js';

export type GrpcKind = 'ray-gcs' | 'ray-client' | 'unimplemented' | 'ok-anything';
export type GrpcMode = 'open' | 'token';

export interface RunningGrpc {
  port: number;
  url: string;
  calls: Array<{ path: string; method: string; headers: http2.IncomingHttpHeaders; body: Buffer }>;
  close(): Promise<void>;
}

export const RAY_TOKEN = 'ray-emulator-token-0123456789abcdef';

/** One gRPC answer: a status, its message, and the reply message for status 0. */
export type GrpcAnswer = { status: number; message?: string; body?: Buffer };

/** A Ray gRPC port: its answer to each call, and its denial text for a call without the token. */
export interface GrpcServiceEmulator {
  answer(path: string, request: Buffer): Promise<GrpcAnswer>;
  tokenDenial: string;
}

const RAY: Partial<Record<GrpcKind, GrpcServiceEmulator>> = { 'ray-gcs': rayGcs, 'ray-client': rayClient };

export async function startGrpc(kind: GrpcKind, mode: GrpcMode = 'open'): Promise<RunningGrpc> {
  const calls: RunningGrpc['calls'] = [];
  const ray = RAY[kind];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', async () => {
      const path = String(headers[':path'] ?? '');
      const body = Buffer.concat(chunks);
      calls.push({ path, method: String(headers[':method']), headers, body });
      const msg = unframe(body) ?? Buffer.alloc(0);
      let r: GrpcAnswer;
      if (headers['content-type'] !== 'application/grpc') {
        stream.respond({ ':status': 415, 'content-type': 'text/plain' });
        stream.end('gRPC requires application/grpc');
        return;
      }
      if (mode === 'token' && headers.authorization !== `Bearer ${RAY_TOKEN}`) {
        r = { status: 16, message: ray?.tokenDenial ?? 'missing authorization header' };
      } else if (ray) r = await ray.answer(path, msg);
      else if (kind === 'ok-anything') r = { status: 0, body: Buffer.alloc(0) };
      else r = { status: 12, message: `Method not found: ${path.slice(1)}` };
      if (r.status !== 0) {
        // Trailers-only response.
        stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(r.status), 'grpc-message': encodeURIComponent(r.message ?? '') }, { endStream: true });
        return;
      }
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': '' }));
      stream.end(frame(r.body ?? Buffer.alloc(0)));
    });
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  server.on('sessionError', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sessions) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A TCP server that answers anything with a Redis-style error line and hangs up (not HTTP, not HTTP/2). */
export async function startRawDecoy(): Promise<{ port: number; close(): Promise<void> }> {
  const socks = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    socks.add(sock);
    sock.on('close', () => socks.delete(sock));
    sock.on('error', () => undefined);
    sock.once('data', () => sock.end("-ERR unknown command 'PRI', with args beginning with: \r\n"));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of socks) s.destroy();
        server.close(() => r());
      }),
  };
}
