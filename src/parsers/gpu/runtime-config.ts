// /etc/nvidia-container-runtime/config.toml, read into the handful of settings NVIDIA's bulletins
// name as exploit preconditions. Defaults are the toolkit's own (api/config/v1 GetDefault()):
// a key that is absent or commented out is at its default, which is not always the safe value.
import { parse as parseToml } from 'smol-toml';

export interface RuntimeConfig {
  raw: Record<string, unknown>;
  /** Settings with `explicit` = present in the file (not defaulted). */
  acceptEnvvarUnprivileged: { value: boolean; explicit: boolean };
  acceptAsVolumeMounts: { value: boolean; explicit: boolean };
  ldconfig: { value: string; explicit: boolean };
  noCgroups: { value: boolean; explicit: boolean };
  mode: { value: string; explicit: boolean };
  runtimes: string[];
  supportedDriverCapabilities?: string[];
  features: Record<string, boolean>;
  /** 1-based line of a key in the file, for locations. */
  lineOf(key: string): number | undefined;
}

function bool(v: unknown, dflt: boolean): { value: boolean; explicit: boolean } {
  return typeof v === 'boolean' ? { value: v, explicit: true } : { value: dflt, explicit: false };
}

export function parseRuntimeConfig(text: string): RuntimeConfig {
  const raw = parseToml(text) as Record<string, unknown>;
  const cli = (raw['nvidia-container-cli'] ?? {}) as Record<string, unknown>;
  const rt = (raw['nvidia-container-runtime'] ?? {}) as Record<string, unknown>;
  const feat = (raw.features ?? {}) as Record<string, unknown>;
  const lines = text.split('\n');
  const features: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(feat)) if (typeof v === 'boolean') features[k] = v;
  const caps = raw['supported-driver-capabilities'];
  return {
    raw,
    acceptEnvvarUnprivileged: bool(raw['accept-nvidia-visible-devices-envvar-when-unprivileged'], true),
    acceptAsVolumeMounts: bool(raw['accept-nvidia-visible-devices-as-volume-mounts'], false),
    ldconfig: typeof cli.ldconfig === 'string' ? { value: cli.ldconfig, explicit: true } : { value: '@/sbin/ldconfig', explicit: false },
    noCgroups: bool(cli['no-cgroups'], false),
    mode: typeof rt.mode === 'string' ? { value: rt.mode, explicit: true } : { value: 'auto', explicit: false },
    runtimes: Array.isArray(rt.runtimes) ? rt.runtimes.map(String) : ['docker-runc', 'runc', 'crun'],
    ...(typeof caps === 'string' ? { supportedDriverCapabilities: caps.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
    features,
    lineOf(key: string) {
      const re = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`);
      const i = lines.findIndex((l) => re.test(l));
      return i === -1 ? undefined : i + 1;
    },
  };
}
