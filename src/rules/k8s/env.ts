// Environment variables of a container as name/value pairs with their positions. `valueFrom`
// references (Secrets, ConfigMaps, fields) have no literal value.
import { isObj, str, type ContainerRef, type Path } from '../../parsers/k8s/k8s.js';

export interface EnvEntry {
  name: string;
  value?: string;
  fromRef: boolean;
  path: Path;
  valuePath: Path;
}

export function envEntries(c: ContainerRef): EnvEntry[] {
  const env = c.value.env;
  const out: EnvEntry[] = [];
  if (Array.isArray(env)) {
    env.forEach((e, i) => {
      if (!isObj(e) || !str(e.name)) return;
      const path = [...c.path, 'env', i];
      out.push({ name: str(e.name)!, ...(str(e.value) !== undefined ? { value: str(e.value) } : {}), fromRef: e.valueFrom !== undefined, path, valuePath: e.value !== undefined ? [...path, 'value'] : path });
    });
  } else if (isObj(env)) {
    // TrainJob trainers and some CRDs accept a map.
    for (const [k, v] of Object.entries(env)) out.push({ name: k, ...(str(v) !== undefined ? { value: str(v) } : {}), fromRef: false, path: [...c.path, 'env', k], valuePath: [...c.path, 'env', k] });
  }
  return out;
}

/** The env map a process sees (literal values only), for the ML-service analysis. */
export function envMap(c: ContainerRef): Record<string, string> {
  const m: Record<string, string> = {};
  for (const e of envEntries(c)) if (e.value !== undefined) m[e.name] = e.value;
  return m;
}
