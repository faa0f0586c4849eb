// Live collection on a GPU host: read-only commands (execFile, never a shell, each with a timeout)
// and file reads, optionally under a mount prefix (`--root /host` in the DaemonSet). The result is
// the same GpuEvidence a captured directory gives, with a note for every input that is missing.
import { execFile } from 'node:child_process';
import { lstat, open, opendir, readdir, readFile, readlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EVIDENCE, MAX_CDI_SPECS, MAX_EVIDENCE_FILE, MAX_FDS, MAX_NET_FILE, MAX_PROC_FILE, MAX_PROCS, PROC_FD_SOCKETS, PROC_NET_TABLES, type GpuEvidence } from '../../parsers/gpu/evidence.js';
import { parseComputeApps } from '../../parsers/gpu/compute-apps.js';
import { parseNvidiaSmiXml } from '../../parsers/gpu/nvidia-smi.js';

export interface CommandResult {
  ok: boolean;
  stdout: string;
  /** Why it failed: not installed, timed out, exit status, stderr excerpt. */
  error?: string;
}

export type CommandRunner = (file: string, args: string[], opts: { timeoutMs: number }) => Promise<CommandResult>;

export const execRunner: CommandRunner = (file, args, { timeoutMs }) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: MAX_EVIDENCE_FILE, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, stdout });
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
      const why = e.code === 'ENOENT' ? 'command not found' : e.killed ? `timed out after ${timeoutMs} ms` : `exit ${e.code ?? '?'}: ${String(stderr || e.message).trim().split('\n')[0].slice(0, 200)}`;
      resolve({ ok: false, stdout, error: why });
    });
  });

export interface CollectOptions {
  /** Host paths live under this prefix (default '/'). */
  root?: string;
  runner?: CommandRunner;
  timeoutMs?: number;
  /** Overrides the host label. */
  label?: string;
}

const COMPUTE_APPS_QUERY = '--query-compute-apps=pid,process_name,used_gpu_memory,gpu_uuid';

async function readText(file: string, cap: number): Promise<string | undefined> {
  try {
    const st = await lstat(file);
    if (!st.isFile()) return undefined;
    const buf = await readFile(file);
    return buf.subarray(0, cap).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Reads at most `cap` bytes of a (possibly size-0 /proc) file; `cut` when more was there. */
async function readProcCapped(file: string, cap: number): Promise<{ text: string; cut: boolean } | undefined> {
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(Math.min(cap + 1, 1 << 20));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, cap + 1 - total), null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > cap) break;
    }
    const all = Buffer.concat(chunks);
    return { text: all.subarray(0, cap).toString('utf8'), cut: all.length > cap };
  } catch {
    return undefined;
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Socket inodes of a process's descriptors: the `socket:[N]` targets of /proc/<pid>/fd/*, at most
 * MAX_FDS descriptors (the directory is streamed, never listed whole). undefined when not readable.
 */
async function fdSockets(fdDir: string): Promise<string | undefined> {
  let dir;
  try {
    dir = await opendir(fdDir);
  } catch {
    return undefined;
  }
  const lines: string[] = [];
  let n = 0;
  for await (const d of dir) {
    if (++n > MAX_FDS) {
      lines.push(`# truncated: more than ${MAX_FDS} descriptors, only the first ${MAX_FDS} were read`);
      break; // leaving the loop closes the directory
    }
    const target = await readlink(join(fdDir, d.name)).catch(() => '');
    if (target.startsWith('socket:[') && target.endsWith(']')) lines.push(target.slice(8, -1));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** `ls -l`-style line for a device node, so live and captured listings parse the same. */
function lsLine(mode: number, uid: number, gid: number, rdev: number, mtime: Date, name: string, users: Map<number, string>, groups: Map<number, string>): string {
  const type = (mode & 0o170000) === 0o020000 ? 'c' : (mode & 0o170000) === 0o040000 ? 'd' : (mode & 0o170000) === 0o060000 ? 'b' : '-';
  const rwx = 'rwxrwxrwx'
    .split('')
    .map((ch, i) => (mode & (1 << (8 - i)) ? ch : '-'))
    .join('');
  const major = Math.floor(rdev / 256) & 0xfff;
  const minor = (rdev & 0xff) | ((rdev >> 12) & 0xfff00);
  const size = type === 'c' || type === 'b' ? `${major}, ${minor}` : '0';
  const date = mtime.toISOString().slice(0, 16).replace('T', ' ');
  return `${type}${rwx} 1 ${users.get(uid) ?? uid} ${groups.get(gid) ?? gid} ${size} ${date} ${name}`;
}

async function idNames(file: string): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  const text = await readText(file, MAX_PROC_FILE * 16);
  for (const l of (text ?? '').split('\n')) {
    const f = l.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2])) map.set(Number(f[2]), f[0]);
  }
  return map;
}

async function deviceListing(root: string): Promise<string | undefined> {
  const dev = join(root, 'dev');
  const names = (await readdir(dev).catch(() => [] as string[])).filter((n) => n.startsWith('nvidia')).sort();
  if (!names.length) return undefined;
  const users = await idNames(join(root, 'etc/passwd'));
  const groups = await idNames(join(root, 'etc/group'));
  const lines: string[] = [];
  const dirs: string[] = [];
  for (const n of names) {
    const st = await lstat(join(dev, n)).catch(() => undefined);
    if (!st) continue;
    if (st.isDirectory()) dirs.push(n);
    lines.push(lsLine(st.mode, st.uid, st.gid, st.rdev, st.mtime, `/dev/${n}`, users, groups));
  }
  for (const d of dirs) {
    lines.push('', `/dev/${d}:`);
    for (const n of (await readdir(join(dev, d)).catch(() => [] as string[])).sort()) {
      const st = await lstat(join(dev, d, n)).catch(() => undefined);
      if (st) lines.push(lsLine(st.mode, st.uid, st.gid, st.rdev, st.mtime, n, users, groups));
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function collectEvidence(opts: CollectOptions = {}): Promise<GpuEvidence> {
  const root = opts.root ?? '/';
  const run = opts.runner ?? execRunner;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  // Under a mount prefix the process runs in a container: the host's own name is in its /etc/hostname.
  const rooted = root !== '/' ? (await readText(join(root, 'etc/hostname'), 256))?.trim() : undefined;
  const label = opts.label || rooted || hostname() || 'localhost';
  const ev: GpuEvidence = { kind: 'gpu-evidence', label, source: 'live', files: {}, notes: {}, truncated: [] };
  const cmd = async (rel: string, file: string, args: string[]) => {
    const r = await run(file, args, { timeoutMs });
    if (r.ok && r.stdout.trim()) ev.files[rel] = r.stdout;
    else ev.notes[rel] = `\`${[file, ...args].join(' ')}\` ${r.error ?? 'printed nothing'}`;
  };
  const file = async (rel: string, hostPath: string, cap = MAX_EVIDENCE_FILE) => {
    const t = await readText(join(root, hostPath), cap);
    if (t !== undefined) ev.files[rel] = t;
    else ev.notes[rel] = `${hostPath} not readable under ${root}`;
  };

  await cmd(EVIDENCE.smiXml, 'nvidia-smi', ['-q', '-x']);
  await cmd(EVIDENCE.computeApps, 'nvidia-smi', [COMPUTE_APPS_QUERY, '--format=csv']);
  await cmd(EVIDENCE.ctkVersion, 'nvidia-ctk', ['--version']);
  await cmd(EVIDENCE.cliVersion, 'nvidia-container-cli', ['--version']);
  await file(EVIDENCE.driverVersion, 'proc/driver/nvidia/version');
  await file(EVIDENCE.runtimeConfig, 'etc/nvidia-container-runtime/config.toml');

  let specs = 0;
  for (const d of ['etc/cdi', 'var/run/cdi', 'run/cdi']) {
    for (const n of (await readdir(join(root, d)).catch(() => [] as string[])).filter((x) => /\.(ya?ml|json)$/i.test(x)).sort()) {
      if (specs >= MAX_CDI_SPECS || ev.files[`${EVIDENCE.cdiDir}/${n}`] !== undefined) continue;
      const t = await readText(join(root, d, n), MAX_PROC_FILE * 16);
      if (t !== undefined) {
        ev.files[`${EVIDENCE.cdiDir}/${n}`] = t;
        specs++;
      }
    }
  }
  if (!specs) ev.notes[EVIDENCE.cdiDir] = `no CDI specs under ${root}etc/cdi or ${root}var/run/cdi`;

  const devs = await deviceListing(root);
  if (devs) ev.files[EVIDENCE.devListing] = devs;
  else ev.notes[EVIDENCE.devListing] = `no /dev/nvidia* nodes under ${root}`;

  const pids = new Set<number>();
  if (ev.files[EVIDENCE.smiXml]) for (const g of parseNvidiaSmiXml(ev.files[EVIDENCE.smiXml]).gpus) for (const p of g.processes) pids.add(p.pid);
  if (ev.files[EVIDENCE.computeApps]) for (const a of parseComputeApps(ev.files[EVIDENCE.computeApps]).apps) pids.add(a.pid);
  for (const pid of [...pids].slice(0, MAX_PROCS)) {
    const base = join(root, 'proc', String(pid));
    const rel = `${EVIDENCE.procDir}/${pid}`;
    const cmdline = await readFile(join(base, 'cmdline')).catch(() => undefined);
    if (cmdline) ev.files[`${rel}/cmdline`] = cmdline.subarray(0, MAX_PROC_FILE).toString('utf8');
    const exe = await readlink(join(base, 'exe')).catch(() => undefined);
    if (exe) ev.files[`${rel}/exe`] = `${exe}\n`;
    for (const n of ['cgroup', 'status']) {
      const t = await readText(join(base, n), MAX_PROC_FILE).catch(() => undefined);
      // /proc files report size 0: read them without the isFile/size shortcut.
      const txt = t ?? (await readFile(join(base, n), 'utf8').catch(() => undefined));
      if (txt) ev.files[`${rel}/${n}`] = txt.slice(0, MAX_PROC_FILE);
    }
    if (!cmdline && !exe) {
      ev.notes[rel] = `${base} not readable (exited, or not in this PID namespace: run with hostPID / on the host)`;
      continue;
    }
    // Network peers: the process's socket inodes and the socket tables of its network namespace.
    const socks = await fdSockets(join(base, 'fd'));
    if (socks !== undefined) ev.files[`${rel}/${PROC_FD_SOCKETS}`] = socks;
    else ev.notes[`${rel}/${PROC_FD_SOCKETS}`] = `${join(base, 'fd')} not readable (exited, or another user's process: its descriptors need CAP_SYS_PTRACE)`;
    for (const t of PROC_NET_TABLES) {
      const r = await readProcCapped(join(base, t), MAX_NET_FILE);
      if (!r) {
        ev.notes[`${rel}/${t}`] = `${join(base, t)} not readable${t.endsWith('6') ? ' (IPv6 disabled?)' : ''}`;
        continue;
      }
      // A cut table ends at its last whole row; the note travels with --collect (collect-notes.txt).
      ev.files[`${rel}/${t}`] = r.cut ? r.text.slice(0, r.text.lastIndexOf('\n') + 1) : r.text;
      if (r.cut) ev.notes[`${rel}/${t}`] = `cut at ${MAX_NET_FILE} bytes: sockets after that were not read`;
    }
  }
  return ev;
}
