// Pure analysis of how an ML service is started: given the argv, environment, config values and image
// of a container (or a compose service, a Dockerfile CMD/ENTRYPOINT, a config file), which ML services
// run and which of their settings are unsafe. No positions, no severity by exposure: callers map
// `where` back to their own lines and decide exposure (k8s Services, compose ports).
import { SERVICES, TRUST_REMOTE_CODE, type CombinedCheck, type MissingCheck, type ServiceSpec, type SettingQuery, type SettingSpec, type ValueCheck, type IssueWhere } from '../../knowledge/ml-services/catalog.js';
import { basename, commandsOf } from './shell.js';

export interface Invocation {
  /** Full argv (ENTRYPOINT/command followed by CMD/args). */
  argv?: string[];
  env?: Record<string, string>;
  /** Keys of the service's own config file (`ServerApp.token`, `webserver.secret_key`, `management_address`). */
  config?: Record<string, string>;
  image?: string;
  /** Known service of a config file (its checks apply without a command line). */
  service?: string;
  /** The head of a Ray cluster. */
  head?: boolean;
}

export type { IssueWhere } from '../../knowledge/ml-services/catalog.js';

export interface ServiceIssue {
  rule: string;
  service: string;
  message: string;
  where: IssueWhere;
  value?: string;
  severity?: ValueCheck['severity'];
  /** Missing authentication: the caller raises or lowers severity by exposure. */
  auth: boolean;
  /** A listen address: the caller reports it only where the network is reachable. */
  bind: boolean;
  /** `value` is a credential (mask it, fingerprint by its hash). */
  secret?: boolean;
}

export interface DetectedService {
  id: string;
  name: string;
  ports: number[];
  auth: ServiceSpec['auth'];
  via: 'command' | 'image' | 'env' | 'config';
  /** 'all', 'loopback', or undefined when unknown. */
  listens?: 'all' | 'loopback' | 'address';
}

export interface Analysis {
  services: DetectedService[];
  issues: ServiceIssue[];
}

interface Found {
  value: string;
  where: IssueWhere;
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

function findFlag(args: string[], origin: number[], flags: string[], boolean: boolean): Found | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    for (const f of flags) {
      if (a === f) {
        const next = args[i + 1];
        const value = boolean || next === undefined || next.startsWith('-') ? '' : next;
        return { value, where: { kind: 'arg', index: origin[boolean || next === undefined ? i : i + 1] ?? origin[i] } };
      }
      if (a.startsWith(`${f}=`)) return { value: a.slice(f.length + 1), where: { kind: 'arg', index: origin[i] } };
    }
  }
  return undefined;
}

/** Every value of a repeatable flag (`--f v`, `--f=v`), then env, then config. */
function lookupAll(spec: SettingSpec, ctx: { args: string[]; origin: number[]; env: Record<string, string>; config: Record<string, string> }): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i];
    for (const f of spec.flags ?? []) {
      if (a === f && ctx.args[i + 1] !== undefined && !ctx.args[i + 1].startsWith('-')) out.push({ value: ctx.args[i + 1], where: { kind: 'arg', index: ctx.origin[i + 1] ?? ctx.origin[i] } });
      else if (a.startsWith(`${f}=`)) out.push({ value: a.slice(f.length + 1), where: { kind: 'arg', index: ctx.origin[i] } });
    }
  }
  for (const n of spec.env ?? []) if (ctx.env[n] !== undefined) out.push({ value: ctx.env[n], where: { kind: 'env', name: n } });
  for (const k of spec.config ?? []) if (ctx.config[k] !== undefined) out.push({ value: ctx.config[k], where: { kind: 'config', key: k } });
  return out;
}

function lookup(spec: SettingSpec, ctx: { args: string[]; origin: number[]; env: Record<string, string>; config: Record<string, string> }, boolean = false): Found | undefined {
  if (spec.flags) {
    const f = findFlag(ctx.args, ctx.origin, spec.flags, boolean);
    if (f) return f;
  }
  for (const n of spec.env ?? []) if (ctx.env[n] !== undefined) return { value: ctx.env[n], where: { kind: 'env', name: n } };
  for (const k of spec.config ?? []) if (ctx.config[k] !== undefined) return { value: ctx.config[k], where: { kind: 'config', key: k } };
  return undefined;
}

const LOOPBACK = /^(?:https?:\/\/)?(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)(?::\d+)?\/?$/i;
const ALL = /^(?:https?:\/\/)?(?:0\.0\.0\.0|\[?::\]?|\*)(?::\d+)?\/?$/;

function listenState(value: string | undefined, dflt: 'all' | 'loopback'): DetectedService['listens'] {
  if (value === undefined || value.trim() === '') return dflt;
  if (LOOPBACK.test(value.trim())) return 'loopback';
  if (ALL.test(value.trim())) return 'all';
  return 'address';
}

export function analyzeInvocation(inv: Invocation): Analysis {
  const argv = inv.argv ?? [];
  const env = inv.env ?? {};
  const config = inv.config ?? {};
  const commands = commandsOf(argv);
  const out: Analysis = { services: [], issues: [] };

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
      if (spec.id !== 'ray' || args.includes('--head')) break;
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

    const ctx = { args, origin, env, config };
    const head = inv.head === true || (via === 'command' && spec.id === 'ray' && args.includes('--head'));
    const listenValue = spec.listen ? lookup(spec.listen.setting, ctx)?.value : undefined;
    const listens = spec.listen ? listenState(listenValue, spec.listen.default) : undefined;
    out.services.push({ id: spec.id, name: spec.name, ports: spec.ports, auth: spec.auth, via, ...(listens ? { listens } : {}) });

    const query: SettingQuery = { get: (setting, boolean) => lookup(setting, ctx, boolean), all: (setting) => lookupAll(setting, ctx) };
    for (const check of spec.checks) {
      if ('test' in check) {
        const c = check as CombinedCheck;
        const r = c.test(query);
        if (!r) continue;
        out.issues.push({
          rule: c.rule, service: spec.id, message: r.message, where: r.at?.where ?? { kind: 'site' }, ...(r.at ? { value: r.at.value } : {}),
          ...(r.severity ?? c.severity ? { severity: r.severity ?? c.severity } : {}), auth: c.auth === true, bind: c.bind === true, ...(c.secret ? { secret: true } : {}),
        });
        continue;
      }
      if ('missing' in check) {
        const m = check as MissingCheck;
        if (m.onlyHead && !head) continue;
        if (m.onlyWhenListening && (listens === 'loopback' || listens === undefined)) continue;
        if (lookup(m.missing, ctx, true)) continue;
        out.issues.push({ rule: m.rule, service: spec.id, message: m.message, where: { kind: 'site' }, auth: m.auth === true, bind: false });
        continue;
      }
      const c = check as ValueCheck;
      const found = lookup(c.setting, ctx, c.boolean === true);
      if (!found) continue;
      const ok = c.when === 'present' ? true : c.when(found.value);
      if (!ok) continue;
      out.issues.push({
        rule: c.rule, service: spec.id, message: c.message(found.value), where: found.where, value: found.value,
        ...(c.severity ? { severity: c.severity } : {}), auth: c.auth === true, bind: c.bind === true,
      });
    }
  }

  // --trust-remote-code runs Python shipped inside a model repository: any command, any server.
  for (const c of commands) {
    const f = findFlag(c.argv, c.origin, TRUST_REMOTE_CODE.flags!, true);
    if (f) {
      out.issues.push({ rule: 'platform/trust-remote-code', service: out.services[0]?.id ?? basename(c.argv[0] ?? ''), message: `${c.argv[0] && !c.argv[0].startsWith('-') ? basename(c.argv[0]) : out.services[0]?.name ?? 'the server'} runs with --trust-remote-code: Python files from the model repository execute in the server`, where: f.where, auth: false, bind: false });
      break;
    }
  }
  for (const n of TRUST_REMOTE_CODE.env!) {
    if (env[n] !== undefined && /^(true|1|yes)$/i.test(env[n].trim())) {
      out.issues.push({ rule: 'platform/trust-remote-code', service: out.services[0]?.id ?? 'env', message: `${n}=${env[n]}: Python files from the model repository execute in the server`, where: { kind: 'env', name: n }, value: env[n], auth: false, bind: false });
    }
  }
  return out;
}
