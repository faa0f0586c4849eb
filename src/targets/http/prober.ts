// Probes one origin: find the scheme, identify services by their fingerprints, then ask each
// identified service the read-only questions in its check table, plus the hardening questions every
// service gets (TLS, CORS, error verbosity) and, only when asked, the active ones. The result is a
// plain facts object (facts.ts) of what was seen; rules in src/rules/endpoint/ decide what is a
// finding, how severe and how to say it.
import { randomBytes } from 'node:crypto';
import { lookupAdvisories } from './advisories.js';
import type { Observation, OriginFacts, ServiceFacts } from './facts.js';
import { GRPC_OK, GRPC_STATUS_NAMES, GRPC_UNAUTHENTICATED, matchReply } from './grpc.js';
import { BudgetExhaustedError, type Method, type ProbeClient, type ProbeResponse } from './http-client.js';
import { describeMarker, jsonAt, jsonBody, matches } from './match.js';
import { isLoopback, type ProbeOrigin } from './origins.js';
import { GRPC_SERVICES, SERVICES } from '../../knowledge/probe/index.js';
import type { Check, GrpcServiceFingerprint, Marker, ServiceFingerprint } from '../../knowledge/probe/schema.js';
import { STACK_TRACE_MARKERS } from '../../knowledge/probe/stack-traces.js';

export interface ProbeSettings {
  /** Rate-limit burst and one oversized body (and an OpenAI logprobs request) — opt-in. */
  active?: boolean;
  /** Try each identified service's documented default credentials — opt-in. */
  checkDefaultCredentials?: boolean;
  services?: ServiceFingerprint[];
  grpcServices?: GrpcServiceFingerprint[];
  /** Size of the one oversized request body sent with --active. */
  oversizedBodyBytes?: number;
  /** Requests in the --active rate-limit burst. */
  burstRequests?: number;
  /** Test seam: judge loopback origins as if they were remote (tests cannot leave 127.0.0.1). */
  loopbackAsRemote?: boolean;
  /** Test seam for the advisory database. */
  matchAdvisories?: (ecosystem: string, name: string, version: string) => unknown;
}

export type OriginResult = { kind: 'facts'; facts: OriginFacts } | { kind: 'closed' } | { kind: 'unreachable'; message: string };

const CORS_ORIGIN = 'https://mlwarden-cors-probe.invalid';
/** Alternatives per token asked for in the one --active completion. */
const TOP_LOGPROBS = 5;
const TLS_FIRST_PORTS = new Set([443, 6443, 8443, 10250]);

class OriginSession {
  private cache = new Map<string, Promise<ProbeResponse | undefined>>();
  requests = 0;
  canary?: ProbeResponse;
  constructor(readonly client: ProbeClient, readonly base: string) {}

  url(path: string): string {
    return this.base + path;
  }

  /** A cached GET (or other read-only method); undefined on network errors. Budget errors propagate. */
  get(path: string, method: Method = 'GET', headers?: Record<string, string>): Promise<ProbeResponse | undefined> {
    const key = `${method} ${path} ${headers ? JSON.stringify(headers) : ''}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.fetch({ method, url: this.url(path), ...(headers ? { headers } : {}) });
      this.cache.set(key, p);
    }
    return p;
  }

  async fetch(req: Parameters<ProbeClient['request']>[0]): Promise<ProbeResponse | undefined> {
    this.requests++;
    try {
      return await this.client.request(req);
    } catch (e) {
      if (e instanceof BudgetExhaustedError) throw e;
      return undefined;
    }
  }

  /** True when a success is indistinguishable from the answer to a nonsense path (catch-all servers).
   *  Denials are not compared: a secured service refuses every path alike, nonsense included. */
  isCatchAll(res: ProbeResponse): boolean {
    const c = this.canary;
    return !!c && c.status < 300 && c.status === res.status && c.body.length === res.body.length && c.body.equals(res.body);
  }

  hit(res: ProbeResponse | undefined, marker: Marker): res is ProbeResponse {
    return !!res && matches(res, marker) && !this.isCatchAll(res);
  }
}

function looksLikeHttpsPort(res: ProbeResponse | undefined): boolean {
  if (!res || res.status !== 400) return false;
  const t = res.body.subarray(0, 2048).toString('utf8');
  return /HTTPS|TLS|SSL/.test(t);
}

async function detectScheme(client: ProbeClient, o: ProbeOrigin, canaryPath: string): Promise<{ session: OriginSession; scheme: 'http' | 'https' } | undefined> {
  const order: Array<'http' | 'https'> = o.scheme ? [o.scheme] : TLS_FIRST_PORTS.has(o.port) ? ['https', 'http'] : ['http', 'https'];
  for (const scheme of order) {
    const session = new OriginSession(client, `${scheme}://${o.host}:${o.port}${o.basePath}`);
    const res = await session.fetch({ url: session.url(canaryPath) });
    if (!res) continue;
    if (scheme === 'http' && !o.scheme && looksLikeHttpsPort(res)) continue;
    session.canary = res;
    return { session, scheme };
  }
  return undefined;
}

function version(res: ProbeResponse | undefined, json?: string): string | undefined {
  if (!res || res.status !== 200) return undefined;
  let v: unknown;
  if (json) v = jsonAt(jsonBody(res), json);
  else v = res.body.subarray(0, 64).toString('utf8').trim();
  if (typeof v !== 'string' || v.length > 64) return undefined;
  return /^v?\d+(\.\d+)*([.+-][0-9A-Za-z.+-]*)?$/.test(v) ? v : undefined;
}

/** What a response showed: the request that got it and the evidence. */
function seen(res: ProbeResponse, marker: string): Pick<Observation, 'request' | 'evidence'> {
  return { request: { method: res.method, url: res.url }, evidence: { status: res.status, marker } };
}

export async function probeOrigin(client: ProbeClient, o: ProbeOrigin, settings: ProbeSettings = {}): Promise<OriginResult> {
  if (o.expanded && !(await client.isOpen(o.host, o.port))) return { kind: 'closed' };
  const canaryPath = `/mlwarden-probe-${randomBytes(6).toString('hex')}`;
  let detected: Awaited<ReturnType<typeof detectScheme>>;
  try {
    detected = await detectScheme(client, o, canaryPath);
  } catch (e) {
    if (e instanceof BudgetExhaustedError) return { kind: 'unreachable', message: e.message };
    throw e;
  }
  if (!detected) {
    // No HTTP/1 answer: the port may speak gRPC over HTTP/2 cleartext (Ray GCS, Ray client server).
    if (o.scheme !== 'https') {
      const g = await probeGrpc(client, o, settings);
      if (g) return { kind: 'facts', facts: g };
    }
    return o.expanded ? { kind: 'closed' } : { kind: 'unreachable', message: `no HTTP(S) or gRPC answer from ${o.label}` };
  }
  const { session, scheme } = detected;
  const facts: OriginFacts = {
    probe: true,
    url: session.base,
    label: o.label,
    host: o.host,
    port: o.port,
    scheme,
    loopback: isLoopback(o.host) && !settings.loopbackAsRemote,
    explicit: o.explicit,
    credentialed: client.hasCredentials(session.base),
    ...(session.canary?.tls ? { tls: session.canary.tls } : {}),
    services: [],
    observations: [],
    requests: 0,
  };
  try {
    await identifyAndCheck(session, facts, settings, canaryPath);
  } catch (e) {
    if (!(e instanceof BudgetExhaustedError)) throw e;
    facts.incomplete = e.message;
  }
  facts.requests = session.requests;
  // A front end that speaks HTTP/1 and h2c on one port (Envoy with codec auto-detection) answered
  // HTTP but nothing was recognised: on a Ray gRPC port, still make the gRPC calls.
  const grpcServices = settings.grpcServices ?? GRPC_SERVICES;
  if (!facts.services.length && !facts.incomplete && scheme === 'http' && grpcServices.some((g) => g.ports.includes(o.port))) {
    const g = await probeGrpc(client, o, settings);
    if (g) {
      facts.services.push(...g.services);
      facts.observations.push(...g.observations);
      facts.requests += g.requests;
      if (g.incomplete) facts.incomplete = g.incomplete;
    }
  }
  return { kind: 'facts', facts };
}

/**
 * Tries each gRPC fingerprint with its one read-only unary call (the services whose port this is
 * first) until one is recognised. Stops at once when the peer does not speak HTTP/2 at all. Returns
 * undefined when nothing answered gRPC.
 */
async function probeGrpc(client: ProbeClient, o: ProbeOrigin, settings: ProbeSettings): Promise<OriginFacts | undefined> {
  const services = [...(settings.grpcServices ?? GRPC_SERVICES)].sort((a, b) => Number(b.ports.includes(o.port)) - Number(a.ports.includes(o.port)));
  const base = `http://${o.host}:${o.port}`;
  const facts: OriginFacts = {
    probe: true,
    url: base,
    label: o.label,
    host: o.host,
    port: o.port,
    scheme: 'http',
    loopback: isLoopback(o.host) && !settings.loopbackAsRemote,
    explicit: o.explicit,
    credentialed: client.hasCredentials(base),
    services: [],
    observations: [],
    requests: 0,
  };
  let answered = false;
  try {
    for (const svc of services) {
      facts.requests++;
      const res = await client.grpc({ host: o.host, port: o.port, method: svc.method, message: svc.request });
      if (!res) break; // not HTTP/2 (or it hung up): no other gRPC call can do better
      if (!res.contentType.startsWith('application/grpc') || res.grpcStatus === undefined) break; // HTTP/2, but not gRPC
      answered = true;
      const request = { method: 'POST', url: base + svc.method };
      const statusText = `grpc-status ${res.grpcStatus} (${GRPC_STATUS_NAMES[res.grpcStatus] ?? 'other'})`;
      let auth: 'open' | 'required' | undefined;
      let marker = '';
      if (res.grpcStatus === GRPC_OK) {
        const m = await matchReply(res.message, svc.reply);
        if (m) {
          auth = 'open';
          marker = `${statusText}, reply ${m}`;
        }
      } else if (res.grpcStatus === GRPC_UNAUTHENTICATED && svc.authMessages.some((t) => (res.grpcMessage ?? '').toLowerCase().includes(t))) {
        auth = 'required';
        marker = `${statusText}, grpc-message ${JSON.stringify(res.grpcMessage)}`;
      }
      if (!auth) continue; // UNIMPLEMENTED, or a reply that is not this service's: try the next
      facts.services.push({
        id: svc.id,
        name: svc.name,
        auth,
        ...(svc.package ? { package: svc.package } : {}),
        identifiedBy: { ...request, status: res.httpStatus, marker },
        advisories: [],
        protocol: 'grpc',
      });
      if (auth === 'open' && !facts.credentialed) {
        facts.observations.push({
          kind: 'answered',
          check: `${svc.id}:${svc.check}`,
          service: svc.id,
          request,
          evidence: { status: res.httpStatus, marker },
          extra: { protocol: 'grpc', grpcMethod: svc.method.slice(1), grpcStatus: res.grpcStatus },
        });
      }
      if (!facts.loopback) {
        facts.observations.push({
          kind: 'plaintext',
          over: 'h2c',
          check: 'plaintext',
          service: svc.id,
          request,
          evidence: { marker: 'HTTP/2 cleartext (h2c)' },
        });
      }
      break;
    }
  } catch (e) {
    if (!(e instanceof BudgetExhaustedError)) throw e;
    facts.incomplete = e.message;
    answered = true;
  }
  return answered ? facts : undefined;
}

async function identifyAndCheck(session: OriginSession, facts: OriginFacts, settings: ProbeSettings, canaryPath: string): Promise<void> {
  const services = settings.services ?? SERVICES;
  // Services whose usual port this is go first; every service is still tried (ports are not evidence).
  const ordered = [...services].sort((a, b) => Number(b.ports.includes(facts.port)) - Number(a.ports.includes(facts.port)));
  const found: Array<{ svc: ServiceFingerprint; facts: ServiceFacts }> = [];
  for (const svc of ordered) {
    // Every identify probe is tried (responses are cached): an auth challenge anywhere means the
    // service enforces authentication somewhere, even when a public endpoint identified it.
    let best: ServiceFacts | undefined;
    let challenged = false;
    for (const probe of svc.identify) {
      const res = await session.get(probe.path);
      if (!session.hit(res, probe.marker)) continue;
      if (probe.auth === 'required') challenged = true;
      if (best && !(best.auth === 'required' && probe.auth === 'open')) continue;
      best = {
        id: svc.id,
        name: svc.name,
        auth: probe.auth,
        ...(svc.package ? { package: svc.package } : {}),
        identifiedBy: { method: res.method, url: res.url, status: res.status, marker: describeMarker(probe.marker) },
        advisories: [],
      };
    }
    if (best && challenged) best.auth = 'required';
    if (best) found.push({ svc, facts: best });
  }
  const superseded = new Set(found.flatMap((f) => f.svc.supersedes ?? []));
  const identified = found.filter((f) => !superseded.has(f.svc.id));
  facts.services = identified.map((f) => f.facts);

  for (const { svc, facts: sf } of identified) {
    for (const src of svc.version ?? []) {
      const v = version(await session.get(src.path), src.json);
      if (v) {
        sf.version = v;
        break;
      }
    }
    const major = sf.version ? Number.parseInt(sf.version, 10) : NaN;
    const byMajor = svc.packageByMajor?.find((p) => major >= p.majors[0] && major <= p.majors[1]);
    if (byMajor) sf.package = byMajor.package;
    if (sf.version && sf.package) {
      sf.advisories = await lookupAdvisories(sf.package.ecosystem, sf.package.name, sf.version, settings.matchAdvisories);
      for (const a of sf.advisories) {
        facts.observations.push({
          kind: 'advisory',
          service: svc.id,
          check: `advisory:${svc.id}:${a.id}`,
          request: { method: sf.identifiedBy.method, url: sf.identifiedBy.url },
          evidence: { marker: `version ${sf.version} read from the service` },
          extra: { advisory: a, version: sf.version, package: sf.package },
        });
      }
    }
    for (const c of svc.checks ?? []) await runCheck(session, facts, svc, c);
    if (!settings.active && sf.auth === 'open') for (const p of svc.active?.posts ?? []) (sf.notChecked ??= []).push(p.skipped);
    if (settings.checkDefaultCredentials && sf.auth === 'required') await defaultCredentials(session, facts, svc);
  }

  if (!identified.length && !facts.explicit) return;
  await hardening(session, facts, identified.map((f) => f.svc), canaryPath);
  if (settings.active) for (const { svc, facts: sf } of identified) if (sf.auth === 'open') await activeChecks(session, facts, svc, settings);
}

async function runCheck(session: OriginSession, facts: OriginFacts, svc: ServiceFingerprint, c: Check): Promise<void> {
  if (c.scheme && c.scheme !== facts.scheme) return;
  // With credentials given for this origin, an answer no longer proves the API is open to anyone.
  if (facts.credentialed) return;
  const res = await session.get(c.path);
  if (!session.hit(res, c.marker)) return;
  facts.observations.push({ kind: 'answered', check: `${svc.id}:${c.id}`, service: svc.id, ...seen(res, describeMarker(c.marker)) });
}

async function defaultCredentials(session: OriginSession, facts: OriginFacts, svc: ServiceFingerprint): Promise<void> {
  for (const cred of svc.defaultCredentials ?? []) {
    const auth = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    const res = await session.get(cred.path, 'GET', { authorization: auth });
    if (!session.hit(res, cred.marker)) continue;
    facts.observations.push({
      kind: 'default-credentials',
      check: `${svc.id}:default:${cred.username}`,
      service: svc.id,
      ...seen(res, `${describeMarker(cred.marker)} with Basic auth as '${cred.username}'`),
      extra: { username: cred.username, source: cred.source },
    });
  }
}

async function hardening(session: OriginSession, facts: OriginFacts, svcs: ServiceFingerprint[], canaryPath: string): Promise<void> {
  const first = svcs[0];
  if (facts.scheme === 'http' && !facts.loopback && first) {
    facts.observations.push({
      kind: 'plaintext',
      over: 'http',
      check: 'plaintext',
      service: first.id,
      request: { method: 'GET', url: facts.url + canaryPath },
      evidence: { marker: 'scheme http' },
    });
  }
  if (facts.tls && !facts.tls.authorized) {
    facts.observations.push({
      kind: 'tls',
      check: 'tls',
      ...(first ? { service: first.id } : {}),
      request: { method: 'GET', url: facts.url + canaryPath },
      evidence: { marker: `certificate error ${facts.tls.error ?? 'untrusted'}` },
      extra: { tls: facts.tls },
    });
  }
  if (!first) return;
  // CORS: one request per service, carrying a foreign Origin.
  for (const svc of svcs) {
    const probe = svc.identify.find((p) => p.auth === 'open') ?? svc.identify[0];
    const res = await session.get(probe.path, 'GET', { origin: CORS_ORIGIN });
    if (!res) continue;
    const acao = res.headers['access-control-allow-origin'];
    const creds = (res.headers['access-control-allow-credentials'] ?? '').toLowerCase() === 'true';
    if (creds && (acao === CORS_ORIGIN || acao === '*')) {
      facts.observations.push({
        kind: 'cors',
        allowOrigin: acao,
        check: `${svc.id}:cors`,
        service: svc.id,
        ...seen(res, `Access-Control-Allow-Origin: ${acao}, Access-Control-Allow-Credentials: true for Origin ${CORS_ORIGIN}`),
      });
      break;
    }
  }
  // Verbose errors: the nonsense path from scheme detection and one malformed request.
  const bad = await session.get(`${canaryPath}/%ZZ%`);
  for (const res of [session.canary, bad]) {
    if (!res || res.status < 400) continue;
    const text = res.body.toString('utf8');
    const m = STACK_TRACE_MARKERS.find((s) => text.includes(s.text));
    if (!m) continue;
    facts.observations.push({ kind: 'verbose-error', trace: m.what, check: `${first.id}:verbose-error`, service: first.id, ...seen(res, `status ${res.status}, body contains ${JSON.stringify(m.text)}`) });
    break;
  }
}

async function activeChecks(session: OriginSession, facts: OriginFacts, svc: ServiceFingerprint, settings: ProbeSettings): Promise<void> {
  const a = svc.active;
  if (!a) return;
  if (a.burstPath && !facts.observations.some((o) => o.kind === 'rate-limit')) {
    const n = Math.max(2, Math.min(settings.burstRequests ?? 20, 50));
    let limited = 0;
    let answered = 0;
    let last: ProbeResponse | undefined;
    for (let i = 0; i < n; i++) {
      const res = await session.fetch({ url: session.url(a.burstPath) });
      if (!res) continue;
      answered++;
      last = res;
      if (res.status === 429 || res.headers['retry-after'] !== undefined) {
        limited++;
        break; // a limit was hit: stop at once
      }
    }
    if (!limited && answered === n && last) {
      facts.observations.push({ kind: 'rate-limit', check: `${svc.id}:rate-limit`, service: svc.id, ...seen(last, `${n}/${n} answered, none 429`), extra: { burst: n } });
    }
  }
  if (a.bodyPath) {
    const size = Math.max(1024 * 1024, Math.min(settings.oversizedBodyBytes ?? 8 * 1024 * 1024, 64 * 1024 * 1024));
    const body = Buffer.alloc(size, 0x61);
    body.write('{"mlwarden_size_probe":"', 0);
    body.write('"}', size - 2);
    const res = await session.fetch({ method: 'POST', url: session.url(a.bodyPath), body, headers: { 'content-type': 'application/json' }, maxBodyBytes: 16 * 1024 });
    if (res && res.status !== 413 && res.bodySent === size && res.status < 500) {
      facts.observations.push({ kind: 'size-limit', check: `${svc.id}:size-limit`, service: svc.id, ...seen(res, `status ${res.status} after all ${size} bytes were accepted`), extra: { bytes: size } });
    }
  }
  for (const p of a.posts ?? []) {
    if (facts.credentialed) continue;
    const res = await session.fetch({ method: 'POST', url: session.url(p.path), body: Buffer.from(p.body), headers: { 'content-type': 'application/json' }, maxBodyBytes: 64 * 1024 });
    if (!session.hit(res, p.marker)) continue;
    facts.observations.push({ kind: 'answered', check: `${svc.id}:${p.id}`, service: svc.id, ...seen(res, `${describeMarker(p.marker)} for POST body ${p.body}`) });
  }
  if (a.openAI && !facts.credentialed) {
    const list = jsonBody((await session.get('/v1/models')) ?? ({ body: Buffer.alloc(0) } as ProbeResponse));
    const model = jsonAt(list, 'data/0/id');
    if (typeof model !== 'string') return;
    const req = { model, prompt: 'Hello', max_tokens: 1, logprobs: TOP_LOGPROBS };
    const res = await session.fetch({ method: 'POST', url: session.url('/v1/completions'), body: Buffer.from(JSON.stringify(req)), headers: { 'content-type': 'application/json' }, maxBodyBytes: 64 * 1024 });
    const top = res && res.status === 200 ? jsonAt(jsonBody(res), 'choices/0/logprobs/top_logprobs') : undefined;
    if (res && Array.isArray(top) && top.length) {
      facts.observations.push({ kind: 'logprobs', topLogprobs: TOP_LOGPROBS, check: `${svc.id}:logprobs`, service: svc.id, ...seen(res, 'JSON has choices/0/logprobs/top_logprobs'), extra: { model } });
    }
  }
}
