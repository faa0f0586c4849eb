// The evidence layout is part of mlwarden's interface (docs/gpu.md): `mlwarden gpu --collect DIR`
// and scripts/collect-gpu-evidence.sh write it, `mlwarden gpu --from DIR` reads it. Evidence is kept
// as raw text keyed by its relative path, so parsing stays in the (pure) parser and a captured
// directory audits exactly like the live host it came from.
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export const EVIDENCE = {
  smiXml: 'nvidia-smi-q.xml',
  computeApps: 'nvidia-smi-compute-apps.csv',
  ctkVersion: 'nvidia-ctk-version.txt',
  cliVersion: 'nvidia-container-cli-version.txt',
  driverVersion: 'driver-version.txt',
  runtimeConfig: 'nvidia-container-runtime/config.toml',
  cdiDir: 'cdi',
  devListing: 'dev-nvidia.txt',
  procDir: 'proc',
  /** Why an input is absent (written by --collect): `path<TAB>reason` per line. */
  notes: 'collect-notes.txt',
} as const;

export const PROC_FILES = ['cmdline', 'exe', 'cgroup', 'status'] as const;
/** Network evidence per GPU process: socket inodes of its descriptors, and its namespace's tables. */
export const PROC_FD_SOCKETS = 'fd-sockets.txt';
export const PROC_NET_TABLES = ['net/tcp', 'net/tcp6', 'net/udp', 'net/udp6'] as const;

/** Bytes read per evidence file; nvidia-smi XML of a 16-GPU node with MIG is well under 4 MiB. */
export const MAX_EVIDENCE_FILE = 16 * 1024 * 1024;
export const MAX_PROC_FILE = 64 * 1024;
export const MAX_PROCS = 1024;
export const MAX_CDI_SPECS = 64;
/** A socket table of a busy host namespace: ~150 bytes a row, so about 28,000 sockets. */
export const MAX_NET_FILE = 4 * 1024 * 1024;
/** Descriptors read from /proc/<pid>/fd per process (a `# truncated` line marks the cut). */
export const MAX_FDS = 4096;

export interface GpuEvidence {
  kind: 'gpu-evidence';
  /** Host name (live) or the evidence directory (from). */
  label: string;
  source: 'live' | 'dir';
  /** Relative path -> text. */
  files: Record<string, string>;
  /** Relative path or input name -> why it is missing. */
  notes: Record<string, string>;
  /** Files that were larger than the cap and were cut. */
  truncated: string[];
}

export function isGpuEvidence(v: unknown): v is GpuEvidence {
  return typeof v === 'object' && v !== null && (v as GpuEvidence).kind === 'gpu-evidence';
}

async function readCapped(file: string, cap: number): Promise<{ text: string; truncated: boolean } | undefined> {
  try {
    const st = await lstat(file);
    if (!st.isFile()) return undefined;
    const buf = await readFile(file);
    return { text: buf.subarray(0, cap).toString('utf8'), truncated: buf.length > cap };
  } catch {
    return undefined;
  }
}

export function parseNotes(text: string): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const l of text.split('\n')) {
    const tab = l.indexOf('\t');
    if (tab > 0) notes[l.slice(0, tab)] = l.slice(tab + 1).trim();
  }
  return notes;
}

/** Reads an evidence directory; absent files simply stay absent (the parser reports them). */
export async function loadEvidenceDir(dir: string, label = dir): Promise<GpuEvidence> {
  const ev: GpuEvidence = { kind: 'gpu-evidence', label, source: 'dir', files: {}, notes: {}, truncated: [] };
  const put = async (rel: string, cap = MAX_EVIDENCE_FILE) => {
    const r = await readCapped(join(dir, rel), cap);
    if (!r) return;
    ev.files[rel] = r.text;
    if (r.truncated) ev.truncated.push(rel);
  };
  for (const rel of [EVIDENCE.smiXml, EVIDENCE.computeApps, EVIDENCE.ctkVersion, EVIDENCE.cliVersion, EVIDENCE.driverVersion, EVIDENCE.runtimeConfig, EVIDENCE.devListing]) await put(rel);
  const notes = await readCapped(join(dir, EVIDENCE.notes), MAX_PROC_FILE);
  if (notes) ev.notes = parseNotes(notes.text);
  const cdi = await readdir(join(dir, EVIDENCE.cdiDir)).catch(() => [] as string[]);
  for (const f of cdi.filter((f) => /\.(ya?ml|json)$/i.test(f)).sort().slice(0, MAX_CDI_SPECS)) await put(`${EVIDENCE.cdiDir}/${f}`, MAX_PROC_FILE * 16);
  const pids = await readdir(join(dir, EVIDENCE.procDir)).catch(() => [] as string[]);
  // Hundreds of small files: read them a batch at a time rather than one after another.
  const procFiles = pids.filter((p) => /^\d{1,10}$/.test(p)).slice(0, MAX_PROCS).flatMap((pid) => PROC_FILES.map((f) => `${EVIDENCE.procDir}/${pid}/${f}`));
  for (let i = 0; i < procFiles.length; i += 64) await Promise.all(procFiles.slice(i, i + 64).map((rel) => put(rel, MAX_PROC_FILE)));
  const netFiles = pids.filter((p) => /^\d{1,10}$/.test(p)).slice(0, MAX_PROCS).flatMap((pid) => [PROC_FD_SOCKETS, ...PROC_NET_TABLES].map((f) => `${EVIDENCE.procDir}/${pid}/${f}`));
  for (let i = 0; i < netFiles.length; i += 16) await Promise.all(netFiles.slice(i, i + 16).map((rel) => put(rel, MAX_NET_FILE)));
  return ev;
}

/** Writes evidence in the documented layout (used by --collect). */
export async function writeEvidenceDir(dir: string, ev: GpuEvidence): Promise<string[]> {
  const written: string[] = [];
  for (const [rel, text] of Object.entries(ev.files)) {
    if (rel.split('/').some((p) => p === '..' || p === '') || rel.startsWith('/')) continue;
    const file = join(dir, ...rel.split('/'));
    if (relative(dir, file).startsWith(`..${sep}`)) continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    written.push(rel);
  }
  const notes = Object.entries(ev.notes);
  if (notes.length) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, EVIDENCE.notes), notes.map(([k, v]) => `${k}\t${v.replace(/[\t\n]/g, ' ')}`).join('\n') + '\n');
    written.push(EVIDENCE.notes);
  }
  return written.sort();
}
