// Pure analysis of how an ML service is started: given the argv, environment, config values and image
// of a container (or a compose service, a Dockerfile CMD/ENTRYPOINT, a config file), which ML services
// run and which of their settings (catalog.ts) are given, with the value and where each was written.
// Facts only: whether a value is unsafe is for the rules (src/rules/platform). No positions and no
// exposure here either: callers map `where` back to their own lines and find exposure (k8s Services,
// compose ports).
import { COMMON_SETTINGS, SERVICES, type FoundSetting, type ServiceSpec, type SettingSpec } from '../../knowledge/ml-services/catalog.js';
import { anyAddress, loopbackAddress } from '../../knowledge/ml-services/values.js';
import { basename, commandsOf } from './shell.js';

export interface Invocation {
  /** Full argv (ENTRYPOINT/command followed by CMD/args). */
  argv?: string[];
  env?: Record<string, string>;
  /** Environment variables whose value is a reference (a Secret key): set, value unknown. */
  envReferences?: string[];
  /** Keys of the service's own config file (`ServerApp.token`, `webserver.secret_key`, `management_address`). */
  config?: Record<string, string>;
  image?: string;
  /** Known service of a config file (its settings are read without a command line). */
  service?: string;
  /** The head of a Ray cluster. */
  head?: boolean;
}

export type { FoundSetting, SettingWhere } from '../../knowledge/ml-services/catalog.js';

export interface DetectedService {
  id: string;
  name: string;
  ports: number[];
  auth: ServiceSpec['auth'];
  via: 'command' | 'image' | 'env' | 'config';
  /** 'all', 'loopback', or undefined when unknown. */
  listens?: 'all' | 'loopback' | 'address';
  /** Runs as the head of a cluster (KubeRay head group, `ray start --head`). */
  head: boolean;
  /**
   * The catalog settings given, by name: every occurrence in precedence order (flags as written on
   * the command line, then environment variables, then config keys, each in the catalog's order).
   * Settings not given are absent.
   */
  settings: Record<string, FoundSetting[]>;
}

/** A common setting found in one command of the invocation (`command`: that command's argv[0]) or in the environment. */
export interface CommonFound extends FoundSetting {
  command?: string;
}

export interface Analysis {
  services: DetectedService[];
  /** COMMON_SETTINGS given anywhere: on each command line (its first occurrence there) and in the environment. */
  common: Record<string, CommonFound[]>;
}

/** Something to report on: a service runs, or a setting every server reads is given. */
export function hasFacts(a: Analysis): boolean {
  return a.services.length > 0 || Object.keys(a.common).length > 0;
}

const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/;

/** The argv slice of the service inside one command, or undefined when the command is something else. */
function matchCommand(spec: ServiceSpec, argv: string[]): number | undefined {
  if (!argv.length) return undefined;
  const exe = basename(argv[0]);
  if (PYTHON.test(exe) && argv[1] === '-m' && argv[2]) {
    const mod = argv[2];
    if (spec.modules?.includes(mod)) return 3;
    return undefined;
  }
  for (const c of spec.commands ?? []) {
    if (c.exe !== exe) continue;
    if (!c.sub) return 1;
    if (argv[1] && c.sub.includes(argv[1])) return 2;
  }
  return undefined;
}

function imageMatches(spec: ServiceSpec, image: string | undefined): boolean {
  if (!image) return false;
  const repo = image.split('@')[0].toLowerCase();
  return (spec.images ?? []).some((i) => repo.includes(i.toLowerCase()));
}

/** The first occurrence of any of `flags` in `args`, as `--f v`, `--f=v` or (boolean, or no value follows) a bare `--f`. */
function findFlag(args: string[], origin: number[], flags: string[], boolean: boolean, from = 0): { found: FoundSetting; at: number } | undefined {
  for (let i = from; i < args.length; i++) {
    const a = args[i];
    for (const f of flags) {
      if (a === f) {
        const next = args[i + 1];
        const value = boolean || next === undefined || next.startsWith('-') ? '' : next;
        return { found: { value, where: { kind: 'arg', index: origin[boolean || next === undefined ? i : i + 1] ?? origin[i] } }, at: i };
      }
      if (a.startsWith(`${f}=`)) return { found: { value: a.slice(f.length + 1), where: { kind: 'arg', index: origin[i] } }, at: i };
    }
  }
  return undefined;
}

interface Sources {
  args: string[];
  origin: number[];
  env: Record<string, string>;
  references: ReadonlySet<string>;
  config: Record<string, string>;
}

/** Every occurrence of a setting: each matching argument in order, then its environment variables, then its config keys. */
function occurrences(spec: SettingSpec, src: Sources): FoundSetting[] {
  const out: FoundSetting[] = [];
  if (spec.flags) {
    for (let i = 0, hit; (hit = findFlag(src.args, src.origin, spec.flags, spec.boolean === true, i)); i = hit.at + 1) out.push(hit.found);
  }
  for (const n of spec.env ?? []) if (src.env[n] !== undefined) out.push({ value: src.env[n], where: { kind: 'env', name: n }, ...(src.references.has(n) ? { reference: true } : {}) });
  for (const k of spec.config ?? []) if (src.config[k] !== undefined) out.push({ value: src.config[k], where: { kind: 'config', key: k } });
  return out;
}

function listenState(value: string | undefined, dflt: 'all' | 'loopback'): DetectedService['listens'] {
  if (value === undefined || value.trim() === '') return dflt;
  if (loopbackAddress(value)) return 'loopback';
  if (anyAddress(value)) return 'all';
  return 'address';
}

/** The services an invocation runs and the settings given for each; the common settings of any server. */
export function analyzeInvocation(inv: Invocation): Analysis {
  const argv = inv.argv ?? [];
  const env = inv.env ?? {};
  const config = inv.config ?? {};
  const commands = commandsOf(argv);
  const out: Analysis = { services: [], common: {} };

  for (const spec of SERVICES) {
    let args: string[] = [];
    let origin: number[] = [];
    let via: DetectedService['via'] | undefined;
    for (const c of commands) {
      const at = matchCommand(spec, c.argv);
      if (at === undefined) continue;
      args = c.argv.slice(at);
      origin = c.origin.slice(at);
      via = 'command';
      if (spec.headFlag === undefined || args.includes(spec.headFlag)) break;
    }
    if (!via && inv.service === spec.id) via = 'config';
    if (!via && imageMatches(spec, inv.image)) {
      // The image's entrypoint is the service: the container's argv is its arguments.
      args = argv;
      origin = argv.map((_, i) => i);
      via = 'image';
    }
    if (!via && spec.envPrefixes?.some((p) => Object.keys(env).some((k) => k.startsWith(p)))) via = 'env';
    if (!via) continue;

    const src: Sources = { args, origin, env, references: new Set(inv.envReferences ?? []), config };
    const settings: Record<string, FoundSetting[]> = {};
    for (const [name, setting] of Object.entries(spec.settings)) {
      const found = occurrences(setting, src);
      if (found.length) settings[name] = found;
    }
    const head = inv.head === true || (via === 'command' && spec.headFlag !== undefined && args.includes(spec.headFlag));
    const listens = spec.listen ? listenState(settings[spec.listen.setting]?.[0]?.value, spec.listen.default) : undefined;
    out.services.push({ id: spec.id, name: spec.name, ports: spec.ports, auth: spec.auth, via, ...(listens ? { listens } : {}), head, settings });
  }

  for (const [name, setting] of Object.entries(COMMON_SETTINGS)) {
    const found: CommonFound[] = [];
    for (const c of commands) {
      const hit = setting.flags && findFlag(c.argv, c.origin, setting.flags, setting.boolean === true);
      if (hit) found.push({ ...hit.found, command: c.argv[0] ?? '' });
    }
    found.push(...occurrences({ ...(setting.env ? { env: setting.env } : {}), ...(setting.config ? { config: setting.config } : {}) }, { args: [], origin: [], env, references: new Set(inv.envReferences ?? []), config }));
    if (found.length) out.common[name] = found;
  }
  return out;
}
