// `nvidia-smi --query-compute-apps=... --format=csv[,noheader][,nounits]`. The header names the
// columns (with units in brackets); without a header the collector's default column order is
// assumed. A process name may itself contain commas: extra fields are folded into it.
import { int, known, mib } from './values.js';

export interface ComputeApp {
  pid: number;
  /** undefined when nvidia-smi printed [Not Found] (process in another PID namespace). */
  name?: string;
  usedMiB?: number;
  gpuUuid?: string;
  gpuBusId?: string;
  /** The raw placeholders seen, for the "unattributed" check. */
  unresolvedName: boolean;
  unknownMemory: boolean;
}

export const DEFAULT_COLUMNS = ['pid', 'process_name', 'used_gpu_memory', 'gpu_uuid'];

export function parseComputeApps(text: string): { apps: ComputeApp[]; issues: string[] } {
  const issues: string[] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  if (!lines.length) return { apps: [], issues };
  let cols = DEFAULT_COLUMNS;
  if (/(^|,\s*)pid(\s*,|$)/i.test(lines[0])) {
    cols = lines
      .shift()!
      .split(',')
      .map((c) => {
        // `used_memory [MiB]` -> `used_memory` (indexOf: `/\s*\[.*\]$/` was quadratic on blank runs).
        const t = c.trim();
        const b = t.indexOf('[');
        return (b !== -1 && t.endsWith(']') ? t.slice(0, b).trimEnd() : t).toLowerCase();
      });
  }
  const at = (name: string) => cols.indexOf(name);
  const nameCol = at('process_name');
  const apps: ComputeApp[] = [];
  for (const line of lines.slice(0, 100_000)) {
    let f = line.split(',').map((x) => x.trim());
    if (f.length > cols.length && nameCol !== -1) {
      const extra = f.length - cols.length;
      f = [...f.slice(0, nameCol), f.slice(nameCol, nameCol + extra + 1).join(','), ...f.slice(nameCol + extra + 1)];
    }
    const pid = int(f[at('pid')]);
    if (pid === undefined) {
      issues.push(`row without a numeric pid: ${line.slice(0, 120)}`);
      continue;
    }
    const rawName = nameCol === -1 ? undefined : f[nameCol];
    const memCol = at('used_gpu_memory') !== -1 ? at('used_gpu_memory') : at('used_memory');
    const rawMem = memCol === -1 ? undefined : f[memCol];
    const usedMiB = mib(rawMem);
    apps.push({
      pid,
      name: known(rawName),
      usedMiB,
      gpuUuid: known(f[at('gpu_uuid')]),
      gpuBusId: known(f[at('gpu_bus_id')]),
      unresolvedName: rawName !== undefined && known(rawName) === undefined,
      unknownMemory: rawMem !== undefined && usedMiB === undefined,
    });
  }
  return { apps, issues };
}
