// What the user names, turned into the origins to probe — and nothing more. A URL or host:port is
// one origin; a bare host expands to the well-known ML ports; a CIDR needs --ports and is capped
// (256 addresses unless --max-hosts raises it, never beyond a /16).
import net from 'node:net';
import { UsageError } from '../../core/errors.js';

export interface ProbeOrigin {
  host: string;
  port: number;
  /** Known only when the user wrote a URL; otherwise detected (http first, then https). */
  scheme?: 'http' | 'https';
  /** Path prefix from a URL target (a service behind a reverse proxy under /mlflow/). */
  basePath: string;
  /** How the user named it, for the report. */
  label: string;
  /** True when the user named this exact origin (URL or host:port): only then may credentials apply. */
  explicit: boolean;
  /** True when the port came from an expansion: a closed port is silently skipped. */
  expanded: boolean;
}

export const MAX_CIDR_HOSTS = 65_536;
export const DEFAULT_MAX_HOSTS = 256;

/** Parses "8080,8000-8010" into a sorted list of ports. */
export function parsePorts(spec: string): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) throw new UsageError(`--ports: '${part}' is not a port or a range`);
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (a < 1 || b > 65535 || a > b) throw new UsageError(`--ports: '${part}' is out of range 1-65535`);
    if (b - a > 65535) throw new UsageError(`--ports: '${part}' is too wide`);
    for (let p = a; p <= b; p++) out.add(p);
  }
  return [...out].sort((x, y) => x - y);
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}
function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Expands an IPv4 CIDR; refuses anything larger than maxHosts. */
export function expandCidr(cidr: string, maxHosts: number): string[] {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr);
  if (!m || !net.isIPv4(m[1])) throw new UsageError(`'${cidr}' is not an IPv4 CIDR (IPv6 ranges are not expanded)`);
  const bits = Number(m[2]);
  if (bits > 32) throw new UsageError(`'${cidr}': prefix length must be 0-32`);
  const size = 2 ** (32 - bits);
  if (size > Math.min(maxHosts, MAX_CIDR_HOSTS)) {
    throw new UsageError(`'${cidr}' has ${size} addresses; the limit is ${Math.min(maxHosts, MAX_CIDR_HOSTS)} (raise it with --max-hosts, at most ${MAX_CIDR_HOSTS} = a /16)`);
  }
  const base = Math.floor(ipv4ToInt(m[1]) / size) * size;
  // Network and broadcast addresses are skipped for ranges that have them.
  const first = size > 2 ? 1 : 0;
  const last = size > 2 ? size - 1 : size;
  const out: string[] = [];
  for (let i = first; i < last; i++) out.push(intToIpv4(base + i));
  return out;
}

export interface ExpandOptions {
  /** Ports for bare hosts and CIDRs; defaults to the well-known ML ports. */
  ports?: number[];
  wellKnownPorts: number[];
  maxHosts?: number;
}

function hostPort(spec: string): { host: string; port?: number } | undefined {
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(spec);
  if (v6) return { host: `[${v6[1]}]`, ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const m = /^([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(spec);
  if (!m) return undefined;
  return { host: m[1], ...(m[2] ? { port: Number(m[2]) } : {}) };
}

/** Turns target specs into origins; throws UsageError on anything it cannot read. */
export function expandTargets(specs: string[], opts: ExpandOptions): ProbeOrigin[] {
  const out: ProbeOrigin[] = [];
  const seen = new Set<string>();
  const add = (o: ProbeOrigin) => {
    const k = `${o.scheme ?? '?'}://${o.host}:${o.port}${o.basePath}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(o);
  };
  const ports = opts.ports?.length ? opts.ports : opts.wellKnownPorts;
  for (const raw of specs) {
    const spec = raw.trim();
    if (!spec) continue;
    if (/^https?:\/\//i.test(spec)) {
      let u: URL;
      try {
        u = new URL(spec);
      } catch {
        throw new UsageError(`'${spec}' is not a valid URL`);
      }
      if (u.username || u.password) throw new UsageError(`'${spec}': put credentials in --header/--token, not in the URL`);
      const scheme = u.protocol === 'https:' ? 'https' : 'http';
      const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
      const basePath = u.pathname.replace(/\/+$/, '');
      add({ host: u.hostname, port, scheme, basePath, label: spec, explicit: true, expanded: false });
      continue;
    }
    if (spec.includes('/')) {
      if (!opts.ports?.length) throw new UsageError(`'${spec}': a CIDR target needs --ports`);
      for (const h of expandCidr(spec, opts.maxHosts ?? DEFAULT_MAX_HOSTS)) {
        for (const p of ports) add({ host: h, port: p, basePath: '', label: `${h}:${p}`, explicit: false, expanded: true });
      }
      continue;
    }
    const hp = hostPort(spec);
    if (!hp) throw new UsageError(`'${spec}' is not a URL, host, host:port or CIDR`);
    if (hp.port !== undefined) {
      if (hp.port < 1 || hp.port > 65535) throw new UsageError(`'${spec}': port out of range`);
      add({ host: hp.host, port: hp.port, basePath: '', label: spec, explicit: true, expanded: false });
    } else {
      for (const p of ports) add({ host: hp.host, port: p, basePath: '', label: `${hp.host}:${p}`, explicit: false, expanded: true });
    }
  }
  return out;
}

/** Reads a --targets file: one target per line, `#` starts a comment. */
export function parseTargetsFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h) || h.endsWith('.localhost');
}

export function originUrl(o: { scheme?: string; host: string; port: number }, scheme = o.scheme ?? 'http'): string {
  return `${scheme}://${o.host}:${o.port}`;
}
