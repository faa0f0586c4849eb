// hostPath volumes of a pod with their positions, and which container mounts each read-write.
import { getAt, isObj, str, type Path, type PodRef } from '../../parsers/k8s/k8s.js';

export interface HostPathVolume {
  name: string;
  hostPath: string;
  path: Path;
  /** True when some container mounts it without readOnly. */
  writable: boolean;
}

export function hostPathVolumes(pod: PodRef): HostPathVolume[] {
  const vols = pod.field('volumes');
  if (!vols || !Array.isArray(vols.value)) return [];
  const out: HostPathVolume[] = [];
  vols.value.forEach((v, i) => {
    const hp = str(getAt(v, ['hostPath', 'path']));
    if (!isObj(v) || hp === undefined) return;
    const name = str(v.name) ?? '';
    const writable = pod.containers.some((c) => Array.isArray(c.value.volumeMounts) && c.value.volumeMounts.some((m) => isObj(m) && m.name === name && m.readOnly !== true));
    out.push({ name, hostPath: hp.replace(/\/+$/, '') || '/', path: [...vols.path, i, 'hostPath', 'path'], writable });
  });
  return out;
}
