// One view of "who is on which GPU": nvidia-smi's per-GPU process lists merged with the compute-apps
// CSV, each process joined with its /proc evidence and owner (pod, container, job, session).
import { ownerOf, type Owner, type ProcInfo } from './proc.js';
import type { GpuHostModel } from './host.js';
import type { SmiGpu } from './nvidia-smi.js';

export interface GpuProcess {
  pid: number;
  gpu?: SmiGpu;
  /** nvidia-smi's process name (often the full executable path). */
  name?: string;
  type?: string;
  usedMiB?: number;
  gpuInstanceId?: number;
  proc?: ProcInfo;
  owner?: Owner;
}

const cache = new WeakMap<GpuHostModel, Map<string, GpuProcess[]>>();

/** Several rules ask for the same view: computed once per model and prefix set. */
export function gpuProcesses(m: GpuHostModel, jobPrefixes: string[] = []): GpuProcess[] {
  const key = jobPrefixes.join('\0');
  let byKey = cache.get(m);
  if (!byKey) cache.set(m, (byKey = new Map()));
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = computeGpuProcesses(m, jobPrefixes)));
  return list;
}

function computeGpuProcesses(m: GpuHostModel, jobPrefixes: string[]): GpuProcess[] {
  const out = new Map<string, GpuProcess>();
  const seenPids = new Map<number, Set<SmiGpu | undefined>>();
  const add = (p: GpuProcess) => {
    const k = `${p.gpu?.id ?? '?'}:${p.pid}`;
    if (out.has(k)) return;
    out.set(k, p);
    if (!seenPids.has(p.pid)) seenPids.set(p.pid, new Set());
    seenPids.get(p.pid)!.add(p.gpu);
  };
  for (const g of m.smi?.gpus ?? []) for (const p of g.processes) add({ pid: p.pid, gpu: g, name: p.name, type: p.type, usedMiB: p.usedMiB, gpuInstanceId: p.gpuInstanceId });
  for (const a of m.computeApps ?? []) {
    const gpu = m.smi?.gpus.find((g) => (a.gpuUuid && g.uuid === a.gpuUuid) || (a.gpuBusId && g.id === a.gpuBusId));
    const seen = seenPids.get(a.pid);
    const already = !!seen && (!gpu || seen.has(gpu));
    if (!already) add({ pid: a.pid, gpu, name: a.name, type: 'C', usedMiB: a.usedMiB });
  }
  for (const p of out.values()) {
    p.proc = m.procs.get(p.pid);
    if (p.proc) p.owner = ownerOf(p.proc, jobPrefixes);
  }
  return [...out.values()];
}

/** The executable to judge: /proc exe link, else nvidia-smi's name. */
export function executableOf(p: GpuProcess): string | undefined {
  return p.proc?.exe ?? p.name;
}

export function jobPrefixes(options: Record<string, unknown>): string[] {
  const v = options.gpuJobCgroups;
  return Array.isArray(v) ? v.map(String) : [];
}
