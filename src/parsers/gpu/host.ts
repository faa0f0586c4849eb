// The GPU host model: every evidence file parsed, plus what is missing. The parser accepts the one
// 'host' entry a GPU target yields; rules under src/rules/gpu/ read this model. Pure: it sees only the
// captured text in entry.facts, so a live host and a captured directory audit the same way.
import { EVIDENCE, PROC_FD_SOCKETS, PROC_FILES, PROC_NET_TABLES, isGpuEvidence, type GpuEvidence } from './evidence.js';
import { joinProcNet, parseFdSockets, parseNetTable, type NetProto, type NetTable } from './net.js';
import { parseCdiSpec, type CdiSpec } from './cdi.js';
import { parseComputeApps, type ComputeApp } from './compute-apps.js';
import { parseDevListing, type DevNode } from './dev-listing.js';
import { parseNvidiaSmiXml, type SmiLog } from './nvidia-smi.js';
import { parseProc, type ProcInfo } from './proc.js';
import { parseRuntimeConfig, type RuntimeConfig } from './runtime-config.js';
import { parseContainerCliVersion, parseCtkVersion, parseDriverVersionFile, type ContainerCliVersion, type DriverModuleVersion } from './versions.js';
import type { Entry, Parser } from '../../core/types.js';

export interface MissingInput {
  /** Evidence path (relative), also used as the finding's innerPath. */
  file: string;
  /** What could not be checked because of it. */
  consequence: string;
  why?: string;
}

export interface GpuHostModel {
  label: string;
  source: 'live' | 'dir';
  smi?: SmiLog;
  computeApps?: ComputeApp[];
  ctkVersion?: string;
  containerCli?: ContainerCliVersion;
  driverModule?: DriverModuleVersion;
  runtimeConfig?: RuntimeConfig;
  cdiSpecs: CdiSpec[];
  devNodes?: DevNode[];
  procs: Map<number, ProcInfo>;
  /** Every pid nvidia-smi attributes GPU use to (XML and CSV). */
  gpuPids: number[];
  /** Best driver version: nvidia-smi's, else the loaded kernel module's. */
  driverVersion?: string;
  driverVersionSource?: string;
  missing: MissingInput[];
  /** Evidence that exists but could not be (fully) read. */
  issues: Array<{ file: string; message: string }>;
}

const CONSEQUENCE: Record<string, string> = {
  [EVIDENCE.smiXml]: 'driver version, MIG/ECC/compute mode, GPU processes and memory were not checked',
  [EVIDENCE.computeApps]: 'compute processes were only taken from the XML',
  [EVIDENCE.ctkVersion]: 'NVIDIA Container Toolkit version was not checked against its bulletins',
  [EVIDENCE.cliVersion]: 'libnvidia-container version was not checked against its bulletins',
  [EVIDENCE.driverVersion]: 'loaded kernel module version was not cross-checked',
  [EVIDENCE.runtimeConfig]: 'container runtime settings (ldconfig, no-cgroups, envvar, features, mode) were not checked',
  [EVIDENCE.cdiDir]: 'CDI specs (hooks run on the host) were not checked',
  [EVIDENCE.devListing]: 'device node permissions were not checked',
};

const models = new WeakMap<GpuEvidence, GpuHostModel>();

/** Parsed once per evidence object (the engine's parser and the metrics both ask for it). */
export function buildGpuHostModel(ev: GpuEvidence): GpuHostModel {
  let m = models.get(ev);
  if (!m) models.set(ev, (m = parseEvidence(ev)));
  return m;
}

function parseEvidence(ev: GpuEvidence): GpuHostModel {
  const f = ev.files;
  const m: GpuHostModel = { label: ev.label, source: ev.source, cdiSpecs: [], procs: new Map(), gpuPids: [], missing: [], issues: [] };
  const issue = (file: string, message: string) => m.issues.push({ file, message });
  const miss = (file: string, consequence = CONSEQUENCE[file], why = ev.notes[file]) => m.missing.push({ file, consequence, ...(why ? { why } : {}) });
  for (const t of ev.truncated) issue(t, 'file is larger than the evidence cap and was cut; later content was not read');

  if (f[EVIDENCE.smiXml] !== undefined) {
    m.smi = parseNvidiaSmiXml(f[EVIDENCE.smiXml]);
    for (const i of m.smi.issues) issue(EVIDENCE.smiXml, i);
  } else miss(EVIDENCE.smiXml);
  if (f[EVIDENCE.computeApps] !== undefined) {
    const r = parseComputeApps(f[EVIDENCE.computeApps]);
    m.computeApps = r.apps;
    for (const i of r.issues) issue(EVIDENCE.computeApps, i);
  } else miss(EVIDENCE.computeApps);
  if (f[EVIDENCE.ctkVersion] !== undefined) {
    m.ctkVersion = parseCtkVersion(f[EVIDENCE.ctkVersion]);
    if (!m.ctkVersion) issue(EVIDENCE.ctkVersion, 'no version found in `nvidia-ctk --version` output');
  } else miss(EVIDENCE.ctkVersion);
  if (f[EVIDENCE.cliVersion] !== undefined) {
    m.containerCli = parseContainerCliVersion(f[EVIDENCE.cliVersion]);
    if (!m.containerCli.cliVersion && !m.containerCli.libVersion) issue(EVIDENCE.cliVersion, 'no version found in `nvidia-container-cli --version` output');
  } else miss(EVIDENCE.cliVersion);
  if (f[EVIDENCE.driverVersion] !== undefined) {
    m.driverModule = parseDriverVersionFile(f[EVIDENCE.driverVersion]);
    if (!m.driverModule.version) issue(EVIDENCE.driverVersion, 'no NVRM version line found');
  } else miss(EVIDENCE.driverVersion);
  if (f[EVIDENCE.runtimeConfig] !== undefined) {
    try {
      m.runtimeConfig = parseRuntimeConfig(f[EVIDENCE.runtimeConfig]);
    } catch (e) {
      issue(EVIDENCE.runtimeConfig, `not valid TOML: ${(e as Error).message.split('\n')[0]}`);
    }
  } else miss(EVIDENCE.runtimeConfig);
  const cdiFiles = Object.keys(f).filter((k) => k.startsWith(`${EVIDENCE.cdiDir}/`)).sort();
  for (const k of cdiFiles) {
    const spec = parseCdiSpec(k, f[k]);
    if (spec.error) issue(k, `CDI spec could not be parsed: ${spec.error}`);
    m.cdiSpecs.push(spec);
  }
  if (!cdiFiles.length) miss(EVIDENCE.cdiDir, `${CONSEQUENCE[EVIDENCE.cdiDir]} (none found under /etc/cdi or /var/run/cdi; fine when CDI is not used)`);
  if (f[EVIDENCE.devListing] !== undefined) m.devNodes = parseDevListing(f[EVIDENCE.devListing]);
  else miss(EVIDENCE.devListing);

  const pids = new Set<number>();
  for (const g of m.smi?.gpus ?? []) for (const p of g.processes) pids.add(p.pid);
  for (const a of m.computeApps ?? []) pids.add(a.pid);
  m.gpuPids = [...pids].sort((a, b) => a - b);
  for (const pid of m.gpuPids) {
    const base = `${EVIDENCE.procDir}/${pid}`;
    const pf = Object.fromEntries(PROC_FILES.filter((n) => f[`${base}/${n}`] !== undefined).map((n) => [n, f[`${base}/${n}`]]));
    if (Object.keys(pf).length === 0) {
      miss(base, `process ${pid} uses a GPU but its command line, executable, cgroup and network peers were not captured (exited, or another PID namespace): it could not be attributed`);
      continue;
    }
    const info = parseProc(pid, pf);
    m.procs.set(pid, info);
    parseProcNetEvidence(ev, pid, info, miss, issue);
  }

  if (m.smi?.driverVersion) {
    m.driverVersion = m.smi.driverVersion;
    m.driverVersionSource = EVIDENCE.smiXml;
  } else if (m.driverModule?.version) {
    m.driverVersion = m.driverModule.version;
    m.driverVersionSource = EVIDENCE.driverVersion;
  }
  return m;
}

/** Network peers of one GPU process; absent evidence is "not checked", never "no connections". */
function parseProcNetEvidence(ev: GpuEvidence, pid: number, info: ProcInfo, miss: (file: string, consequence: string, why?: string) => void, issue: (file: string, message: string) => void): void {
  const base = `${EVIDENCE.procDir}/${pid}`;
  const f = ev.files;
  const fdText = f[`${base}/${PROC_FD_SOCKETS}`];
  const fd = fdText !== undefined ? parseFdSockets(fdText) : undefined;
  const tables: Partial<Record<NetProto, NetTable>> = {};
  for (const rel of PROC_NET_TABLES) {
    const text = f[`${base}/${rel}`];
    if (text === undefined) continue;
    const proto = rel.slice(4) as NetProto;
    const t = parseNetTable(text, proto, fd?.inodes ?? new Set());
    tables[proto] = t;
    for (const i of t.issues) issue(`${base}/${rel}`, i);
    // A note next to a file that exists says it is partial (cut at the cap by --collect).
    if (ev.notes[`${base}/${rel}`]) issue(`${base}/${rel}`, ev.notes[`${base}/${rel}`]);
  }
  if (!fd || (!tables.tcp && !tables.tcp6)) {
    const absent = [!fd ? `${base}/${PROC_FD_SOCKETS}` : '', !tables.tcp && !tables.tcp6 ? `${base}/net/tcp` : ''].filter(Boolean);
    const why = absent.map((a) => ev.notes[a] ?? `${a} not captured`).join('; ');
    miss(`${base}/net`, `network peers of GPU process ${pid} were not checked (connections to mining pools, public peers)`, why);
    return;
  }
  for (const i of fd.issues) issue(`${base}/${PROC_FD_SOCKETS}`, i);
  info.net = joinProcNet(fd, tables);
}

export const gpuHostParser: Parser<GpuHostModel> = {
  id: 'gpu-host',
  accepts: (entry: Entry) => entry.kind === 'host' && isGpuEvidence(entry.facts),
  async parse(entry) {
    return buildGpuHostModel(entry.facts as GpuEvidence);
  },
};
