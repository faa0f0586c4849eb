// An HTTP/2 cleartext gRPC emulator of Ray's two gRPC ports, and gRPC decoys. Checked against
// ray-project/ray src/ray/protobuf/gcs_service.proto (NodeInfoGcsService.GetClusterId: empty request;
// reply { GcsStatus status = 1; bytes cluster_id = 2 }, a 28-byte UniqueID), src/ray/protobuf/
// ray_client.proto (RayletDriver.ClusterInfo: request { type = 1 }, PING = 6; reply { type = 1;
// oneof { string json = 2; ... } }), python/ray/util/client/server/proxier.py (PING answered with
// json "{}"), python/ray/_private/authentication/grpc_authentication_server_interceptor.py (token
// mode: UNAUTHENTICATED "Invalid or missing authentication token") and
// src/ray/rpc/authentication/tests/grpc_auth_token_tests.cc (C++ servers: "Authentication token is
// missing or incorrect"). Unknown methods answer trailers-only UNIMPLEMENTED, as gRPC servers do.
// unverified: the exact grpc-message text the C++ GCS puts on the wire for a missing token (the
// client-side test sees it prefixed with "InvalidAuthToken: ").
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { encodeMessage, fields } from '../../../src/io/protobuf.js';
import { MemorySource } from '../../../src/io/sources.js';
import { WindowReader } from '../../../src/io/window-reader.js';
import { unframe, frame } from '../../../src/targets/http/grpc.js';

export type GrpcKind = 'ray-gcs' | 'ray-client' | 'unimplemented' | 'ok-anything';
export type GrpcMode = 'open' | 'token';

export interface RunningGrpc {
  port: number;
  url: string;
  calls: Array<{ path: string; method: string; headers: http2.IncomingHttpHeaders; body: Buffer }>;
  close(): Promise<void>;
}

export const RAY_TOKEN = 'ray-emulator-token-0123456789abcdef';
const CLUSTER_ID = Buffer.from('c0ffee'.padEnd(56, '0'), 'hex'); // 28 bytes

type Reply = { status: number; message?: string; body?: Buffer };

function rayGcs(path: string): Reply {
  if (path === '/ray.rpc.NodeInfoGcsService/GetClusterId') return { status: 0, body: encodeMessage([{ field: 1, bytes: Buffer.alloc(0) }, { field: 2, bytes: CLUSTER_ID }]) };
  if (path === '/ray.rpc.NodeInfoGcsService/CheckAlive') return { status: 0, body: encodeMessage([{ field: 1, bytes: Buffer.alloc(0) }, { field: 2, bytes: '2.52.0' }]) };
  return { status: 12, message: '' };
}

async function rayClient(path: string, req: Buffer): Promise<Reply> {
  if (path !== '/ray.rpc.RayletDriver/ClusterInfo') return { status: 12, message: 'Method not found!' };
  let type = 0;
  for await (const f of fields(new WindowReader(new MemorySource(req)), 0, req.length)) if (f.field === 1) {
    type = f.value;
    break;
  }
  // proxier.py: PING is answered by the proxy itself, without the type field.
  if (type === 6) return { status: 0, body: encodeMessage([{ field: 2, bytes: '{}' }]) };
  return { status: 5, message: 'Channel for client not found' };
}

export async function startGrpc(kind: GrpcKind, mode: GrpcMode = 'open'): Promise<RunningGrpc> {
  const calls: RunningGrpc['calls'] = [];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', async () => {
      const path = String(headers[':path'] ?? '');
      const body = Buffer.concat(chunks);
      calls.push({ path, method: String(headers[':method']), headers, body });
      const msg = unframe(body) ?? Buffer.alloc(0);
      let r: Reply;
      if (headers['content-type'] !== 'application/grpc') {
        stream.respond({ ':status': 415, 'content-type': 'text/plain' });
        stream.end('gRPC requires application/grpc');
        return;
      }
      if (mode === 'token' && headers.authorization !== `Bearer ${RAY_TOKEN}`) {
        const text = kind === 'ray-client' ? 'Invalid or missing authentication token' : kind === 'ray-gcs' ? 'Authentication token is missing or incorrect' : 'missing authorization header';
        r = { status: 16, message: text };
      } else if (kind === 'ray-gcs') r = rayGcs(path);
      else if (kind === 'ray-client') r = await rayClient(path, msg);
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
