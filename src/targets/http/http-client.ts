// The only code in mlwarden that talks to the network. Everything here is bounded because the
// targets are production services: a global request budget, a global rate, global and per-host
// concurrency, a wall-clock timeout per request, and a cap on the bytes read from each response
// (the stream is destroyed once the cap is reached). Certificates are not refused, only recorded,
// so that a self-signed service is still probed and reported. Redirects are followed only within
// the same origin; credentials are bound to one origin and never sent anywhere else.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { grpcUnary, type GrpcCall, type GrpcReply } from './grpc.js';

export interface ClientLimits {
  /** Total HTTP requests for the whole run (TCP connect checks are counted apart). */
  maxRequests: number;
  /** Requests started per second, all hosts together. */
  ratePerSecond: number;
  concurrency: number;
  perHostConcurrency: number;
  timeoutMs: number;
  /** Bytes of a response body kept; the rest is never read. */
  maxBodyBytes: number;
  /** Same-origin redirects followed before giving up. */
  maxRedirects: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  maxRequests: 20_000,
  ratePerSecond: 200,
  concurrency: 32,
  perHostConcurrency: 4,
  timeoutMs: 5_000,
  maxBodyBytes: 256 * 1024,
  maxRedirects: 3,
};

export type Method = 'GET' | 'HEAD' | 'OPTIONS' | 'POST';

export interface ProbeRequest {
  method?: Method;
  url: string;
  headers?: Record<string, string>;
  /** Only for the opt-in active checks. */
  body?: Buffer;
  /** Overrides the client's body cap (never raises it). */
  maxBodyBytes?: number;
}

export interface TlsInfo {
  authorized: boolean;
  error?: string;
  subject?: string;
  issuer?: string;
  validTo?: string;
  selfSigned: boolean;
}

export interface ProbeResponse {
  method: Method;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  ms: number;
  tls?: TlsInfo;
  /** A redirect that was not followed (other origin, or too many). */
  redirect?: string;
  /** Bytes of the request body the server accepted before answering or closing. */
  bodySent?: number;
}

export class BudgetExhaustedError extends Error {
  override name = 'BudgetExhaustedError';
}

/** A simple counting semaphore. */
class Semaphore {
  private waiting: Array<() => void> = [];
  private used = 0;
  constructor(private readonly max: number) {}
  async acquire(): Promise<void> {
    if (this.used < this.max) {
      this.used++;
      return;
    }
    await new Promise<void>((r) => this.waiting.push(r));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.used--;
  }
}

export interface ClientStats {
  requests: number;
  connects: number;
  errors: number;
  bytesRead: number;
  latenciesMs: number[];
}

export class ProbeClient {
  readonly limits: ClientLimits;
  readonly stats: ClientStats = { requests: 0, connects: 0, errors: 0, bytesRead: 0, latenciesMs: [] };
  private global: Semaphore;
  private hosts = new Map<string, Semaphore>();
  private nextSlot = 0;
  private credentials = new Map<string, Record<string, string>>();
  private agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 8 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false }),
  };

  constructor(limits: Partial<ClientLimits> = {}) {
    this.limits = { ...DEFAULT_CLIENT_LIMITS, ...limits };
    this.global = new Semaphore(this.limits.concurrency);
  }

  /** Binds headers (a token, a cookie) to one origin: they are added to requests for it alone. */
  setCredentials(origin: string, headers: Record<string, string>): void {
    this.credentials.set(new URL(origin).origin, headers);
  }

  hasCredentials(origin: string): boolean {
    return this.credentials.has(new URL(origin).origin);
  }

  get remaining(): number {
    return Math.max(0, this.limits.maxRequests - this.stats.requests);
  }

  private host(hostname: string): Semaphore {
    let s = this.hosts.get(hostname);
    if (!s) {
      s = new Semaphore(this.limits.perHostConcurrency);
      this.hosts.set(hostname, s);
    }
    return s;
  }

  /** Spaces request starts so that the global rate is never exceeded. */
  private async pace(): Promise<void> {
    const gap = 1000 / Math.max(1, this.limits.ratePerSecond);
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + gap;
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  }

  /** TCP connect check: is anything listening? Does not count against the HTTP budget. */
  async isOpen(host: string, port: number, timeoutMs = Math.min(2000, this.limits.timeoutMs)): Promise<boolean> {
    const hs = this.host(host);
    await this.global.acquire();
    await hs.acquire();
    this.stats.connects++;
    try {
      return await new Promise<boolean>((resolve) => {
        const sock = net.connect({ host: stripBrackets(host), port });
        const done = (ok: boolean) => {
          sock.removeAllListeners();
          sock.on('error', () => undefined);
          sock.destroy();
          resolve(ok);
        };
        sock.setTimeout(timeoutMs, () => done(false));
        sock.once('connect', () => done(true));
        sock.once('error', () => done(false));
      });
    } finally {
      hs.release();
      this.global.release();
    }
  }

  /** One request, following same-origin redirects; throws BudgetExhaustedError when the budget is spent. */
  async request(req: ProbeRequest): Promise<ProbeResponse> {
    let url = req.url;
    const origin = new URL(url).origin;
    for (let hop = 0; ; hop++) {
      const res = await this.once({ ...req, url });
      const loc = res.headers.location;
      if (res.status < 300 || res.status >= 400 || !loc || req.method === 'POST') return res;
      let next: URL;
      try {
        next = new URL(loc, url);
      } catch {
        return res;
      }
      if (next.origin !== origin || hop >= this.limits.maxRedirects) return { ...res, redirect: next.href };
      url = next.href;
    }
  }

  private async once(req: ProbeRequest): Promise<ProbeResponse> {
    if (this.stats.requests >= this.limits.maxRequests) throw new BudgetExhaustedError(`request budget of ${this.limits.maxRequests} spent`);
    this.stats.requests++;
    const u = new URL(req.url);
    const hs = this.host(u.hostname);
    await this.global.acquire();
    await hs.acquire();
    try {
      await this.pace();
      const res = await this.send(u, req);
      this.stats.latenciesMs.push(res.ms);
      this.stats.bytesRead += res.body.length;
      return res;
    } catch (e) {
      this.stats.errors++;
      throw e;
    } finally {
      hs.release();
      this.global.release();
    }
  }

  /**
   * One unary gRPC call over HTTP/2 cleartext, under the same budget, rate, concurrency and timeout
   * as HTTP requests. Credentials bound to http://host:port are sent as gRPC metadata. Resolves
   * undefined when the peer does not answer gRPC; throws BudgetExhaustedError when the budget is spent.
   */
  async grpc(call: Omit<GrpcCall, 'timeoutMs' | 'maxBodyBytes'>): Promise<GrpcReply | undefined> {
    if (this.stats.requests >= this.limits.maxRequests) throw new BudgetExhaustedError(`request budget of ${this.limits.maxRequests} spent`);
    this.stats.requests++;
    const hs = this.host(call.host);
    await this.global.acquire();
    await hs.acquire();
    try {
      await this.pace();
      const creds = this.credentials.get(new URL(`http://${call.host}:${call.port}`).origin);
      const res = await grpcUnary({ ...call, metadata: { ...call.metadata, ...creds }, timeoutMs: this.limits.timeoutMs, maxBodyBytes: Math.min(64 * 1024, this.limits.maxBodyBytes) });
      if (res) {
        this.stats.latenciesMs.push(res.ms);
        this.stats.bytesRead += res.message?.length ?? 0;
      } else this.stats.errors++;
      return res;
    } finally {
      hs.release();
      this.global.release();
    }
  }

  private send(u: URL, req: ProbeRequest): Promise<ProbeResponse> {
    const method = req.method ?? 'GET';
    const isHttps = u.protocol === 'https:';
    const cap = Math.min(req.maxBodyBytes ?? this.limits.maxBodyBytes, this.limits.maxBodyBytes);
    const headers: Record<string, string> = {
      'user-agent': 'mlwarden-probe (+https://github.com/mlwarden/mlwarden)',
      accept: '*/*',
      ...req.headers,
      // Credentials are looked up by the request's own origin, so a redirect or another target never gets them.
      ...this.credentials.get(u.origin),
    };
    if (req.body) headers['content-length'] = String(req.body.length);
    const started = Date.now();
    return new Promise<ProbeResponse>((resolve, reject) => {
      let settled = false;
      let bodySent = 0;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        r.destroy();
        reject(e);
      };
      const opts = { method, headers, agent: isHttps ? this.agents.https : this.agents.http, rejectUnauthorized: false, servername: net.isIP(stripBrackets(u.hostname)) ? undefined : u.hostname };
      const r = (isHttps ? https : http).request(u, opts, (res) => {
        const chunks: Buffer[] = [];
        // Read the certificate now: a kept-alive socket is detached from the response once it ends.
        const sock = res.socket as TLSSocket | null;
        const tls = isHttps && sock ? tlsInfo(sock) : undefined;
        let got = 0;
        let truncated = false;
        const finish = () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const hdrs: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) hdrs[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({
            method,
            url: u.href,
            status: res.statusCode ?? 0,
            headers: hdrs,
            body: Buffer.concat(chunks),
            truncated,
            ms: Date.now() - started,
            ...(tls ? { tls } : {}),
            ...(req.body ? { bodySent } : {}),
          });
        };
        if (method === 'HEAD') {
          res.resume();
          finish();
          return;
        }
        res.on('data', (c: Buffer) => {
          if (truncated) return;
          const room = cap - got;
          if (c.length > room) {
            chunks.push(c.subarray(0, room));
            got = cap;
            truncated = true;
            // Stop reading: the rest of the body is never downloaded.
            finish();
            res.destroy();
            return;
          }
          chunks.push(c);
          got += c.length;
        });
        res.on('end', finish);
        res.on('error', (e) => (got > 0 ? finish() : fail(e)));
        res.on('close', finish);
      });
      const timer = setTimeout(() => fail(new Error(`timed out after ${this.limits.timeoutMs} ms`)), this.limits.timeoutMs);
      r.on('error', fail);
      if (req.body) {
        const body = req.body;
        const step = 64 * 1024;
        const pump = () => {
          while (bodySent < body.length && !settled) {
            const slice = body.subarray(bodySent, bodySent + step);
            bodySent += slice.length;
            if (!r.write(slice)) {
              r.once('drain', pump);
              return;
            }
          }
          r.end();
        };
        pump();
      } else r.end();
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

function tlsInfo(sock: TLSSocket): TlsInfo {
  const cert = typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate() : undefined;
  const name = (o: unknown) =>
    o && typeof o === 'object'
      ? Object.entries(o as Record<string, unknown>)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(', ')
      : undefined;
  const err = sock.authorizationError ? String(sock.authorizationError) : undefined;
  return {
    authorized: sock.authorized === true,
    ...(err ? { error: err } : {}),
    ...(cert && Object.keys(cert).length ? { subject: name(cert.subject), issuer: name(cert.issuer), validTo: cert.valid_to } : {}),
    selfSigned: err === 'DEPTH_ZERO_SELF_SIGNED_CERT' || err === 'SELF_SIGNED_CERT_IN_CHAIN',
  };
}

function stripBrackets(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** The p-th percentile (0..100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}
