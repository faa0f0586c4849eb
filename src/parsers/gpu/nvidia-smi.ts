// `nvidia-smi -q -x` -> the facts the audit needs, per GPU. Elements are looked up by name, never by
// position: the set and order change between DTD versions (v10..v13), and placeholders ('N/A',
// 'Requested functionality has been deprecated') read as undefined.
import { child, children, parseXml, textAt, type XmlElement } from './xml.js';
import { int, known, mib } from './values.js';

export interface SmiProcess {
  pid: number;
  /** C (compute), G (graphics), C+G, M (MPS server), M+C ... */
  type?: string;
  name?: string;
  usedMiB?: number;
  gpuInstanceId?: number;
  computeInstanceId?: number;
}

export interface SmiGpu {
  /** PCI bus id, the `id` attribute of <gpu>. */
  id: string;
  index: number;
  productName?: string;
  brand?: string;
  architecture?: string;
  uuid?: string;
  persistenceMode?: string;
  /** 'Enabled' / 'Disabled'; undefined when the GPU cannot do MIG. */
  migCurrent?: string;
  migPending?: string;
  migDevices: number;
  computeMode?: string;
  eccCurrent?: string;
  eccPending?: string;
  accountingMode?: string;
  virtualizationMode?: string;
  fbTotalMiB?: number;
  fbUsedMiB?: number;
  fbReservedMiB?: number;
  gpuUtilPercent?: number;
  processes: SmiProcess[];
}

export interface SmiLog {
  driverVersion?: string;
  cudaVersion?: string;
  dtd?: string;
  gpus: SmiGpu[];
  issues: string[];
}

function processes(gpu: XmlElement): SmiProcess[] {
  const out: SmiProcess[] = [];
  for (const p of children(child(gpu, 'processes'), 'process_info')) {
    const pid = int(textAt(p, 'pid'));
    if (pid === undefined) continue;
    const gi = int(textAt(p, 'gpu_instance_id'));
    const ci = int(textAt(p, 'compute_instance_id'));
    out.push({
      pid,
      type: known(textAt(p, 'type')),
      name: known(textAt(p, 'process_name')),
      usedMiB: mib(textAt(p, 'used_memory')),
      ...(gi !== undefined ? { gpuInstanceId: gi } : {}),
      ...(ci !== undefined ? { computeInstanceId: ci } : {}),
    });
  }
  return out;
}

export function parseNvidiaSmiXml(text: string): SmiLog {
  const { root, issues } = parseXml(text);
  const dtd = /nvsmi_device_(v\d+)\.dtd/.exec(text.slice(0, 4096))?.[1];
  if (!root) return { gpus: [], issues: issues.length ? issues : ['no XML element found'], ...(dtd ? { dtd } : {}) };
  if (root.name !== 'nvidia_smi_log') issues.push(`root element is <${root.name}>, expected <nvidia_smi_log>`);
  const gpus = children(root, 'gpu').map((g, index): SmiGpu => {
    const util = known(textAt(g, 'utilization/gpu_util'));
    const migDev = child(g, 'mig_devices');
    return {
      id: g.attrs.id ?? known(textAt(g, 'pci/pci_bus_id')) ?? String(index),
      index,
      productName: known(textAt(g, 'product_name')),
      brand: known(textAt(g, 'product_brand')),
      architecture: known(textAt(g, 'product_architecture')),
      uuid: known(textAt(g, 'uuid')),
      persistenceMode: known(textAt(g, 'persistence_mode')),
      migCurrent: known(textAt(g, 'mig_mode/current_mig')),
      migPending: known(textAt(g, 'mig_mode/pending_mig')),
      migDevices: children(migDev, 'mig_device').length,
      computeMode: known(textAt(g, 'compute_mode')),
      eccCurrent: known(textAt(g, 'ecc_mode/current_ecc')),
      eccPending: known(textAt(g, 'ecc_mode/pending_ecc')),
      accountingMode: known(textAt(g, 'accounting_mode')),
      virtualizationMode: known(textAt(g, 'gpu_virtualization_mode/virtualization_mode')),
      fbTotalMiB: mib(textAt(g, 'fb_memory_usage/total')),
      fbUsedMiB: mib(textAt(g, 'fb_memory_usage/used')),
      fbReservedMiB: mib(textAt(g, 'fb_memory_usage/reserved')),
      gpuUtilPercent: util && /^\d+\s*%$/.test(util) ? parseInt(util, 10) : undefined,
      processes: processes(g),
    };
  });
  return {
    driverVersion: known(textAt(root, 'driver_version')),
    cudaVersion: known(textAt(root, 'cuda_version')),
    ...(dtd ? { dtd } : {}),
    gpus,
    issues,
  };
}
