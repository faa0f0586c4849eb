// /proc/<pid>/{cmdline,exe,cgroup,status} as captured for each GPU process, and what the cgroup
// path says about who owns the process: a Kubernetes pod, a container, a Slurm job, a systemd
// service or a login session. The patterns are a data table; users add their own job prefixes.
import type { ProcNet } from './net.js';

export interface ProcInfo {
  pid: number;
  /** Arguments (NUL-separated as in /proc, or space-joined as the shell collector writes them). */
  args?: string[];
  cmdline?: string;
  /** Link target of /proc/<pid>/exe; ends with ' (deleted)' when the binary was removed. */
  exe?: string;
  cgroups: string[];
  name?: string;
  uid?: number;
  ppid?: number;
  /** Its sockets joined with its namespace's tables (absent: network evidence not captured). */
  net?: ProcNet;
}

export function parseProc(pid: number, files: { cmdline?: string; exe?: string; cgroup?: string; status?: string }): ProcInfo {
  const info: ProcInfo = { pid, cgroups: [] };
  if (files.cmdline !== undefined) {
    const c = files.cmdline;
    info.args = (c.includes('\0') ? c.split('\0') : c.trim().split(/\s+/)).filter((a) => a.length > 0);
    info.cmdline = info.args.join(' ');
  }
  if (files.exe !== undefined) info.exe = files.exe.trim() || undefined;
  if (files.cgroup !== undefined) {
    for (const l of files.cgroup.split('\n')) {
      const m = /^\d+:[^:]*:(.*)$/.exec(l.trim());
      if (m) info.cgroups.push(m[1]);
    }
  }
  if (files.status !== undefined) {
    const get = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'm').exec(files.status!)?.[1]?.trim();
    info.name = get('Name');
    const uid = get('Uid')?.split(/\s+/)[0];
    if (uid && /^\d+$/.test(uid)) info.uid = Number(uid);
    const ppid = get('PPid');
    if (ppid && /^\d+$/.test(ppid)) info.ppid = Number(ppid);
  }
  return info;
}

export type OwnerKind = 'kubernetes-pod' | 'container' | 'slurm-job' | 'job' | 'systemd-service' | 'user-session' | 'host-root' | 'unknown';

export interface Owner {
  kind: OwnerKind;
  /** Stable id of the owner (pod uid, container id, job id, unit); processes with equal ids share an owner. */
  id: string;
  detail: string;
}

/** First match wins; `id` is capture group 1. Order: most specific first. */
export const CGROUP_PATTERNS: Array<{ kind: OwnerKind; re: RegExp; label: string }> = [
  { kind: 'kubernetes-pod', re: /kubepods.*?pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/, label: 'Kubernetes pod' },
  { kind: 'kubernetes-pod', re: /kubepods[^\n]*?\/([^/\n]+)$/, label: 'Kubernetes pod' },
  { kind: 'slurm-job', re: /(?:^|\/)slurm[^/\n]*\/(?:uid_\d+\/)?job_(\d+)/, label: 'Slurm job' },
  { kind: 'slurm-job', re: /slurmstepd\.scope\/job_(\d+)/, label: 'Slurm job' },
  { kind: 'container', re: /(?:docker|cri-containerd|crio|libpod|containerd)-([0-9a-f]{12,64})\.scope/, label: 'container' },
  { kind: 'container', re: /\/(?:docker|containerd|crio|libpod|lxc|lxc\.payload\.?[^/\n]*|machine\.slice)\/([^/\n]+)/, label: 'container' },
  { kind: 'container', re: /(?:^|\/)(?:lxc\.payload\.|machine-)([^/\n]+)/, label: 'container' },
  { kind: 'systemd-service', re: /\/system\.slice\/([^/\n]+\.service)/, label: 'systemd service' },
  { kind: 'user-session', re: /\/user\.slice\/(user-\d+\.slice)/, label: 'login session' },
];

/** Classifies a process by its cgroup path; `extraJobPrefixes` are site-specific job cgroups. */
export function ownerOf(p: ProcInfo, extraJobPrefixes: string[] = []): Owner | undefined {
  if (!p.cgroups.length) return undefined;
  // cgroup v2 has one '0::' line; v1 has many controllers: prefer the most specific (longest) path.
  const paths = [...p.cgroups].sort((a, b) => b.length - a.length);
  for (const prefix of extraJobPrefixes) {
    const hit = paths.find((c) => c.startsWith(prefix));
    if (hit) return { kind: 'job', id: hit, detail: `cgroup ${hit} (site job prefix ${prefix})` };
  }
  for (const { kind, re, label } of CGROUP_PATTERNS) {
    for (const c of paths) {
      const m = re.exec(c);
      if (m) return { kind, id: `${kind}:${m[1].replace(/_/g, '-')}`, detail: `${label} (cgroup ${c})` };
    }
  }
  const top = paths[0];
  if (top === '/' || top === '') return { kind: 'host-root', id: 'host-root', detail: 'root cgroup of the host' };
  return { kind: 'unknown', id: `cgroup:${top}`, detail: `cgroup ${top}` };
}
