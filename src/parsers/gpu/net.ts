// The network peers of a GPU process: the socket inodes of its open descriptors
// (`proc/<pid>/fd-sockets.txt`, one inode per line, from the `socket:[N]` targets of /proc/<pid>/fd/*)
// joined with the socket tables of its network namespace (`/proc/<pid>/net/{tcp,tcp6,udp,udp6}`).
//
// Kernel table format (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock,
// net/ipv4/udp.c udp4_format_sock): a header line, then one row per socket:
//   "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  116  0 25468 1 ..."
//    sl   local_address rem_address   st tx_queue:rx_queue tr:tm->when  retrnsmt  uid timeout inode
// Addresses are the raw 32-bit words printed with %08X in host byte order (little-endian on x86-64,
// arm64 and ppc64le: 127.0.0.1 reads 0100007F); IPv6 is four such words. Ports are big-endian hex.
// Pure, linear (one pass per line, no backtracking regexes), bounded by MAX_NET_ROWS per table.

export type NetProto = 'tcp' | 'tcp6' | 'udp' | 'udp6';
export const NET_PROTOS: readonly NetProto[] = ['tcp', 'tcp6', 'udp', 'udp6'];

/** Rows read per table; a host namespace with more sockets than this is reported as cut. */
export const MAX_NET_ROWS = 65_536;
/** Inode lines read from fd-sockets.txt (the collectors stop at 4096 descriptors). */
export const MAX_FD_LINES = 65_536;

export type AddressScope = 'public' | 'private' | 'loopback' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'shared';

export interface Endpoint {
  /** Dotted IPv4, or IPv6 text (IPv4-mapped shown as ::ffff:a.b.c.d). */
  addr: string;
  port: number;
  scope: AddressScope;
}

export interface SocketRow {
  proto: NetProto;
  local: Endpoint;
  remote: Endpoint;
  /** Kernel state code (hex byte). */
  st: number;
  inode: number;
}

export interface NetTable {
  rows: SocketRow[];
  issues: string[];
}

/** include/net/tcp_states.h */
export const TCP_STATES: Record<number, string> = {
  0x01: 'ESTABLISHED',
  0x02: 'SYN_SENT',
  0x03: 'SYN_RECV',
  0x04: 'FIN_WAIT1',
  0x05: 'FIN_WAIT2',
  0x06: 'TIME_WAIT',
  0x07: 'CLOSE',
  0x08: 'CLOSE_WAIT',
  0x09: 'LAST_ACK',
  0x0a: 'LISTEN',
  0x0b: 'CLOSING',
  0x0c: 'NEW_SYN_RECV',
};

const HEX = /^[0-9A-Fa-f]+$/;

function hexBytesOfWords(hex: string): number[] {
  // Each 8-hex-digit word is a host-order (little-endian) u32 whose memory bytes are the address bytes.
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 8) {
    const w = parseInt(hex.slice(i, i + 8), 16);
    out.push(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, (w >>> 24) & 0xff);
  }
  return out;
}

function scope4(b: number[]): AddressScope {
  const [a, c] = b;
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && c >= 16 && c <= 31) || (a === 192 && c === 168)) return 'private';
  if (a === 100 && c >= 64 && c <= 127) return 'shared'; // RFC 6598 carrier-grade NAT, also Tailscale
  if (a === 169 && c === 254) return 'link-local';
  if (a === 198 && (c === 18 || c === 19)) return 'private'; // RFC 2544 benchmarking, used inside labs
  if (a === 192 && c === 0 && b[2] === 0) return 'reserved';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return 'public';
}

function format6(b: number[]): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[i] << 8) | b[i + 1]);
  // Longest run of zero groups (length >= 2) becomes '::' (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function endpoint(field: string, v6: boolean): Endpoint | undefined {
  const colon = field.indexOf(':');
  if (colon < 0) return undefined;
  const a = field.slice(0, colon);
  const p = field.slice(colon + 1);
  if (a.length !== (v6 ? 32 : 8) || p.length !== 4 || !HEX.test(a) || !HEX.test(p)) return undefined;
  const port = parseInt(p, 16);
  const b = hexBytesOfWords(a);
  if (!v6) return { addr: b.join('.'), port, scope: scope4(b) };
  const zero10 = b.slice(0, 10).every((x) => x === 0);
  if (zero10 && b[10] === 0xff && b[11] === 0xff) {
    const v4 = b.slice(12);
    return { addr: `::ffff:${v4.join('.')}`, port, scope: scope4(v4) };
  }
  const addr = format6(b);
  let scope: AddressScope = 'public';
  if (b.every((x) => x === 0)) scope = 'unspecified';
  else if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) scope = 'loopback';
  else if ((b[0] & 0xfe) === 0xfc) scope = 'private'; // fc00::/7 unique local
  else if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) scope = 'link-local'; // fe80::/10
  else if (b[0] === 0xff) scope = 'multicast';
  else if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) scope = scope4(b.slice(12)); // 64:ff9b::/96 NAT64
  else if (zero10) scope = 'reserved'; // IPv4-compatible and other ::/80 forms
  return { addr, port, scope };
}

function validEndpoint(field: string | undefined, v6: boolean): boolean {
  const n = v6 ? 32 : 8;
  return field !== undefined && field.length === n + 5 && field.charCodeAt(n) === 58 /* : */ && HEX.test(field.slice(0, n)) && HEX.test(field.slice(n + 1));
}

/**
 * Parses one /proc/net/{tcp,tcp6,udp,udp6} table; malformed rows are skipped and counted. With
 * `want`, only the rows of those socket inodes (and TCP listeners, which tell inbound from outbound)
 * are decoded: a host namespace table has tens of thousands of rows, a process a handful.
 */
export function parseNetTable(text: string, proto: NetProto, want?: ReadonlySet<number>): NetTable {
  const t: NetTable = { rows: [], issues: [] };
  const v6 = proto.endsWith('6');
  let sawHeader = false;
  let bad = 0;
  let firstBad = 0;
  let lineNo = 0;
  let valid = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    lineNo++;
    if (!line) continue;
    if (!sawHeader && valid === 0 && bad === 0 && line.startsWith('sl') && line.includes('local_address')) {
      sawHeader = true;
      continue;
    }
    if (valid >= MAX_NET_ROWS) {
      t.issues.push(`more than ${MAX_NET_ROWS} sockets; rows after line ${lineNo - 1} were not read`);
      break;
    }
    const f = line.split(/\s+/, 12);
    const ok = f.length >= 10 && /^\d+:$/.test(f[0]) && validEndpoint(f[1], v6) && validEndpoint(f[2], v6) && f[3].length === 2 && HEX.test(f[3]) && /^\d{1,20}$/.test(f[9]);
    if (!ok) {
      if (!bad) firstBad = lineNo;
      bad++;
      continue;
    }
    valid++;
    const st = parseInt(f[3], 16);
    const inode = Number(f[9]);
    if (want && !want.has(inode) && !(st === 0x0a && !proto.startsWith('udp'))) continue;
    t.rows.push({ proto, local: endpoint(f[1], v6)!, remote: endpoint(f[2], v6)!, st, inode });
  }
  if (!sawHeader) t.issues.push(`no "sl local_address rem_address ..." header: not a /proc/net/${proto} table`);
  if (bad) t.issues.push(`${bad} malformed line(s) ignored (first at line ${firstBad})`);
  return t;
}

export interface FdSockets {
  inodes: Set<number>;
  issues: string[];
  /** The collector stopped before reading every descriptor. */
  truncated: boolean;
}

/** `fd-sockets.txt`: one inode per line (a raw `socket:[N]` link target is accepted too); `#` comments. */
export function parseFdSockets(text: string): FdSockets {
  const r: FdSockets = { inodes: new Set(), issues: [], truncated: false };
  let bad = 0;
  let n = 0;
  for (const raw of text.split('\n', MAX_FD_LINES + 1)) {
    if (++n > MAX_FD_LINES) {
      r.issues.push(`more than ${MAX_FD_LINES} lines; the rest was not read`);
      break;
    }
    const l = raw.trim();
    if (!l) continue;
    if (l.startsWith('#')) {
      if (/^#\s*truncated\b/i.test(l)) r.truncated = true;
      continue;
    }
    const m = /^(?:socket:\[)?(\d{1,20})\]?$/.exec(l);
    if (m) r.inodes.add(Number(m[1]));
    else bad++;
  }
  if (r.truncated) r.issues.push('the process has more descriptors than the collector reads; connections on the others were not checked');
  if (bad) r.issues.push(`${bad} line(s) are not socket inodes`);
  return r;
}

export type Direction = 'listen' | 'outbound' | 'inbound' | 'unconnected';

export interface Connection {
  proto: NetProto;
  local: Endpoint;
  remote: Endpoint;
  /** TCP state name; for UDP 'ESTABLISHED' (connected) or 'UNCONNECTED'. */
  state: string;
  inode: number;
  /** outbound: the process dialled out (its local port is not a listening port of the namespace). */
  direction: Direction;
}

export interface ProcNet {
  /** Sockets of the process found in the tables (unix/netlink sockets are not in them). */
  connections: Connection[];
  socketInodes: number;
  tables: NetProto[];
  issues: Array<{ file: string; message: string }>;
}

/** Joins a process's socket inodes with the tables of its namespace. */
export function joinProcNet(fd: FdSockets, tables: Partial<Record<NetProto, NetTable>>): ProcNet {
  const tcpListen = new Set<number>();
  for (const p of ['tcp', 'tcp6'] as const) for (const r of tables[p]?.rows ?? []) if (r.st === 0x0a) tcpListen.add(r.local.port);
  const connections: Connection[] = [];
  const seen = new Set<string>();
  const present = NET_PROTOS.filter((p) => tables[p] !== undefined);
  for (const p of present) {
    for (const r of tables[p]!.rows) {
      if (r.inode === 0 || !fd.inodes.has(r.inode)) continue;
      const k = `${p}:${r.inode}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const udp = p.startsWith('udp');
      const unconnected = udp ? r.remote.port === 0 : false;
      const state = udp ? (unconnected ? 'UNCONNECTED' : 'ESTABLISHED') : (TCP_STATES[r.st] ?? `0x${r.st.toString(16)}`);
      let direction: Direction;
      if (!udp && r.st === 0x0a) direction = 'listen';
      else if (unconnected || r.remote.scope === 'unspecified') direction = 'unconnected';
      else if (!udp && tcpListen.has(r.local.port)) direction = 'inbound';
      else direction = 'outbound';
      connections.push({ proto: p, local: r.local, remote: r.remote, state, inode: r.inode, direction });
    }
  }
  return { connections, socketInodes: fd.inodes.size, tables: present, issues: [] };
}

export function formatEndpoint(e: Endpoint): string {
  return e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}
