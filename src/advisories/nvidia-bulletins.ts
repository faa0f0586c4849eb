// NVIDIA bulletin data (data/gpu/nvidia-bulletins.json) and the questions the rules ask of it.
// Driver advisories are branch-aware: R580 fixes say nothing about R570. A branch that later
// bulletins stop listing got no fixes since: end of life, or a superseded feature branch.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Cve {
  cve: string;
  cvss: number;
  vector?: string;
}

export interface DriverBulletin {
  bulletin: number;
  title: string;
  url: string;
  date: string;
  cves: Cve[];
  partial?: boolean;
  note?: string;
  branches: Record<string, { fixed: string; perProduct?: Record<string, string> }>;
}

export interface ToolkitProductRange {
  lastAffected: string;
  fixed?: string;
  cdiOnlyBelow?: string;
  condition?: string;
  range: string;
}

export interface ToolkitBulletin {
  bulletin: number;
  title: string;
  url: string;
  date: string;
  cves: Cve[];
  products: Record<string, ToolkitProductRange>;
  note?: string;
}

export interface BulletinData {
  generated: string;
  source: string;
  driver: DriverBulletin[];
  toolkit: ToolkitBulletin[];
  toolkitConditions: { notWithCdi: string[]; notWithCrun: string[]; mitigatedByFeature: Record<string, string> };
}

let cached: BulletinData | undefined;

/** data/ sits at the package root: two levels above src/advisories, three above dist/src/advisories. */
export function bulletinDataPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const p = join(dir, 'data', 'gpu', 'nvidia-bulletins.json');
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  throw new Error('data/gpu/nvidia-bulletins.json not found next to the mlwarden package');
}

export function loadBulletins(): BulletinData {
  cached ??= JSON.parse(readFileSync(bulletinDataPath(), 'utf8')) as BulletinData;
  return cached;
}

/** Numeric dotted comparison; a pre-release (1.17.0-rc.1) sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [ma, pa] = a.split('-', 2);
  const [mb, pb] = b.split('-', 2);
  const xa = ma.split('.').map((n) => parseInt(n, 10) || 0);
  const xb = mb.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const d = (xa[i] ?? 0) - (xb[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  if (pa && !pb) return -1;
  if (!pa && pb) return 1;
  return 0;
}

export function driverBranch(version: string): string | undefined {
  const m = /^(\d{3,4})\./.exec(version);
  return m ? `R${m[1]}` : undefined;
}

/** nvidia-smi product_brand -> the product line names bulletins use. */
export function productLine(brand: string | undefined): string {
  const b = (brand ?? '').toLowerCase();
  if (b.includes('geforce') || b.includes('titan')) return 'GeForce';
  if (b.includes('quadro') || b.includes('nvs') || b === 'nvidia rtx' || b.includes('rtx')) return 'RTX/Quadro/NVS';
  return 'Tesla';
}

export interface DriverHit {
  bulletin: DriverBulletin;
  fixed: string;
}

export interface DriverVerdict {
  version: string;
  branch?: string;
  hits: DriverHit[];
  cves: Cve[];
  maxCvss: number;
  /** Highest fix over every bulletin listing the branch: the minimum version with no known CVE. */
  minimumSafe?: string;
  lastListed?: DriverBulletin;
  newest: DriverBulletin;
  /** How many newer driver bulletins do not list the branch. */
  bulletinsSinceLastListed: number;
  /** The branch is newer than every branch in the data (data may be stale). */
  newerThanData: boolean;
}

export function driverVerdict(version: string, brand?: string, data = loadBulletins()): DriverVerdict {
  const branch = driverBranch(version);
  const line = productLine(brand);
  const ordered = [...data.driver].sort((a, b) => a.date.localeCompare(b.date) || a.bulletin - b.bulletin);
  const newest = ordered[ordered.length - 1];
  const hits: DriverHit[] = [];
  let minimumSafe: string | undefined;
  let lastIdx = -1;
  ordered.forEach((b, i) => {
    const entry = branch ? b.branches[branch] : undefined;
    if (!entry) return;
    lastIdx = i;
    const fixed = entry.perProduct?.[line] ?? entry.fixed;
    if (!minimumSafe || compareVersions(fixed, minimumSafe) > 0) minimumSafe = fixed;
    if (compareVersions(version, fixed) < 0) hits.push({ bulletin: b, fixed });
  });
  const seen = new Map<string, Cve>();
  for (const h of hits) for (const c of h.bulletin.cves) if (!seen.has(c.cve)) seen.set(c.cve, c);
  const cves = [...seen.values()];
  const maxBranch = Math.max(...ordered.flatMap((b) => Object.keys(b.branches).map((k) => parseInt(k.slice(1), 10))));
  return {
    version,
    branch,
    hits,
    cves,
    maxCvss: cves.reduce((m, c) => Math.max(m, c.cvss), 0),
    minimumSafe,
    lastListed: lastIdx === -1 ? undefined : ordered[lastIdx],
    newest,
    bulletinsSinceLastListed: lastIdx === -1 ? ordered.length : ordered.length - 1 - lastIdx,
    newerThanData: branch !== undefined && parseInt(branch.slice(1), 10) > maxBranch,
  };
}

export interface ToolkitContext {
  /** The runtime may use CDI (mode cdi/jit-cdi/auto, or CDI specs exist); undefined = unknown. */
  cdiPossible?: boolean;
  /** The runtime is configured for CDI only (mode = cdi). */
  cdiOnly?: boolean;
  /** The first low-level runtime is crun. */
  crun?: boolean;
  /** Feature flags set in config.toml. */
  features?: Record<string, boolean>;
}

export interface ToolkitCveVerdict extends Cve {
  bulletin: number;
  url: string;
  fixed?: string;
  /** Why it does not apply (or is mitigated) on this host; undefined when it applies. */
  notApplicable?: string;
  mitigated?: string;
}

/** Toolkit bulletins affecting `version` of `product` (container-toolkit for nvidia-ctk and libnvidia-container). */
export function toolkitVerdict(version: string, ctx: ToolkitContext, product = 'container-toolkit', data = loadBulletins()): ToolkitCveVerdict[] {
  const out: ToolkitCveVerdict[] = [];
  const cond = data.toolkitConditions;
  for (const b of data.toolkit) {
    const r = b.products[product];
    if (!r || compareVersions(version, r.lastAffected) > 0) continue;
    for (const c of b.cves) {
      const v: ToolkitCveVerdict = { ...c, bulletin: b.bulletin, url: b.url, ...(r.fixed ? { fixed: r.fixed } : {}) };
      if (r.cdiOnlyBelow && compareVersions(version, r.cdiOnlyBelow) < 0 && ctx.cdiPossible === false) v.notApplicable = `affects versions below ${r.cdiOnlyBelow} only in CDI mode, and this runtime does not use CDI`;
      else if (cond.notWithCdi.includes(c.cve) && ctx.cdiOnly) v.notApplicable = 'does not affect CDI mode, which this runtime is configured for';
      else if (cond.notWithCrun.includes(c.cve) && ctx.crun) v.notApplicable = 'not exploitable with crun as the low-level runtime';
      const flag = cond.mitigatedByFeature[c.cve];
      if (!v.notApplicable && flag && ctx.features?.[flag]) v.mitigated = `features.${flag} = true switches off the vulnerable hook`;
      out.push(v);
    }
  }
  return out;
}

export function severityForCvss(cvss: number): 'critical' | 'high' | 'medium' | 'low' {
  return cvss >= 9 ? 'critical' : cvss >= 7 ? 'high' : cvss >= 4 ? 'medium' : 'low';
}
