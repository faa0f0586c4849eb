// A tiny route-table HTTP(S) server for service emulators: each emulator is data (paths, status
// codes, bodies, headers) in an open and a secured mode. Every server listens on 127.0.0.1 on an
// ephemeral port and records the requests it saw, so tests can assert what the probe sent.
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export type Handler = Reply | ((req: http.IncomingMessage, body: Buffer) => Reply);

export interface Emulator {
  id: string;
  /** Service id the probe should identify (undefined for decoys). */
  service?: string;
  tls?: boolean;
  /** Routes keyed by path (with query string, or without to match any query). */
  open: Record<string, Handler>;
  /** Secured mode: its own routes first, then `deny` for everything else. */
  secured?: { routes?: Record<string, Handler>; deny: Handler };
  /** Fallback for unknown paths (default 404 text). */
  notFound?: Handler;
  /** Headers on every reply (Server: ...). */
  headers?: Record<string, string>;
}

export interface Running {
  url: string;
  port: number;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

const tlsDir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', 'fixtures', 'probe', 'tls');

function resolveReply(h: Handler, req: http.IncomingMessage, body: Buffer): Reply {
  return typeof h === 'function' ? h(req, body) : h;
}

export async function start(e: Emulator, mode: 'open' | 'secured' = 'open'): Promise<Running> {
  const requests: Running['requests'] = [];
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
      const url = req.url ?? '/';
      const path = url.split('?')[0];
      const table = mode === 'secured' && e.secured ? (e.secured.routes ?? {}) : e.open;
      let h: Handler | undefined = table[url] ?? table[path];
      if (!h && mode === 'secured' && e.secured) h = e.secured.deny;
      if (!h) h = e.notFound ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' };
      const r = resolveReply(h, req, Buffer.concat(chunks));
      const isObj = r.body !== undefined && typeof r.body !== 'string';
      const text = r.body === undefined ? '' : isObj ? JSON.stringify(r.body) : String(r.body);
      res.writeHead(r.status ?? 200, { ...(isObj ? { 'content-type': 'application/json' } : {}), ...e.headers, ...r.headers });
      res.end(req.method === 'HEAD' ? undefined : text);
    });
  };
  const server = e.tls
    ? https.createServer({ key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) }, handler)
    : http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${e.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
