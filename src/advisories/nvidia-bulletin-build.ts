// Rebuilds data/gpu/nvidia-bulletins.json from NVIDIA PSIRT's machine-readable bulletins
// (github.com/NVIDIA/product-security: <year>/<id>/<id>.json CSAF + one CVE-record-5.x JSON per CVE).
// The records carry versions only as free text ("All driver versions prior to 580.178.04",
// "All versions up to and including 1.17.7 (CDI mode only for versions prior to 1.17.5)"), and
// product names drift between bulletins, so both are normalised here. Used by
// scripts/gpu/update-nvidia-bulletins.mjs; pure (no I/O) so it is testable.
import type { BulletinData, Cve, DriverBulletin, ToolkitBulletin } from './nvidia-bulletins.js';

export interface BulletinSource {
  bulletin: number;
  /** CSAF document (<id>.json): title and dates. */
  csaf?: unknown;
  /** CVE-record-5.x documents of the bulletin. */
  cves: unknown[];
}

interface Affected {
  product?: string;
  platforms?: string[];
  versions?: Array<{ version?: string; status?: string }>;
}

function driverLine(product: string): string | undefined {
  if (/guest|virtual gpu|cloud gaming|vgpu/i.test(product)) return undefined;
  if (/geforce/i.test(product)) return 'GeForce';
  if (/tesla|data ?center/i.test(product)) return 'Tesla';
  if (/rtx|quadro|nvs/i.test(product)) return 'RTX/Quadro/NVS';
  return undefined;
}

function toolkitProduct(product: string): string | undefined {
  if (/container toolkit/i.test(product)) return 'container-toolkit';
  if (/gpu operator/i.test(product)) return 'gpu-operator';
  if (/device plugin/i.test(product)) return 'device-plugin';
  if (/mig manager/i.test(product)) return 'mig-manager';
  return undefined;
}

function cveOf(rec: unknown): (Cve & { affected: Affected[] }) | undefined {
  const r = rec as { cveMetadata?: { cveId?: string }; containers?: { cna?: { affected?: Affected[]; metrics?: Array<{ cvssV3_1?: { baseScore?: number; vectorString?: string } }> } } };
  const id = r?.cveMetadata?.cveId;
  const cna = r?.containers?.cna;
  if (!id || !cna) return undefined;
  const m = (cna.metrics ?? []).find((x) => x.cvssV3_1)?.cvssV3_1;
  return { cve: id, cvss: m?.baseScore ?? 0, ...(m?.vectorString ? { vector: m.vectorString } : {}), affected: cna.affected ?? [] };
}

function csafMeta(csaf: unknown): { title?: string; date?: string } {
  const d = (csaf as { document?: { title?: string; tracking?: { current_release_date?: string; initial_release_date?: string } } })?.document;
  return { title: d?.title, date: (d?.tracking?.current_release_date ?? d?.tracking?.initial_release_date)?.slice(0, 10) };
}

const cmp = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

export function buildBulletinData(sources: BulletinSource[], previous?: BulletinData): BulletinData {
  const driver: DriverBulletin[] = [];
  const toolkit: ToolkitBulletin[] = [];
  for (const src of [...sources].sort((a, b) => a.bulletin - b.bulletin)) {
    const meta = csafMeta(src.csaf);
    const url = `https://github.com/NVIDIA/product-security/tree/main/${(meta.date ?? '').slice(0, 4) || 'unknown'}/${src.bulletin}`;
    const prevD = previous?.driver.find((b) => b.bulletin === src.bulletin);
    const prevT = previous?.toolkit.find((b) => b.bulletin === src.bulletin);
    const dCves: Cve[] = [];
    const branches: DriverBulletin['branches'] = {};
    const tCves: Cve[] = [];
    const products: ToolkitBulletin['products'] = {};
    for (const rec of src.cves) {
      const c = cveOf(rec);
      if (!c) continue;
      const { affected, ...cve } = c;
      let linuxDriver = false;
      let tk = false;
      for (const a of affected) {
        const text = (a.versions ?? []).map((v) => v.version ?? '').join(' ');
        const platform = (a.platforms ?? []).join(' ');
        const branch = /^Linux\s*\((R\d{3,4})\)$/.exec(platform.trim())?.[1];
        const line = driverLine(a.product ?? '');
        const prior = /prior to\s+v?(\d+\.\d+(?:\.\d+)?)/i.exec(text)?.[1];
        if (branch && line && prior) {
          linuxDriver = true;
          const e = (branches[branch] ??= { fixed: prior });
          e.perProduct = { ...e.perProduct, [line]: prior };
          if (cmp(prior, e.fixed) > 0) e.fixed = prior;
          continue;
        }
        const p = toolkitProduct(a.product ?? '');
        const upTo = /(?:up to and including|to)\s+v?(\d+(?:\.\d+)+)/i.exec(text)?.[1];
        if (p && upTo) {
          tk = true;
          const cdi = /CDI mode only for versions prior to\s+v?(\d+(?:\.\d+)+)/i.exec(text)?.[1];
          const cond = /\(only when ([^)]*)\)/i.exec(text)?.[1];
          const fixed = prevT?.products[p]?.fixed;
          products[p] = { lastAffected: upTo, ...(fixed ? { fixed } : {}), ...(cdi ? { cdiOnlyBelow: cdi } : {}), ...(cond ? { condition: cond } : {}), range: text.trim() };
        }
      }
      if (linuxDriver) dCves.push(cve);
      if (tk) tCves.push(cve);
    }
    // A branch whose product lines agree needs no per-product table.
    for (const e of Object.values(branches)) if (e.perProduct && new Set(Object.values(e.perProduct)).size === 1) delete e.perProduct;
    const title = meta.title ?? prevD?.title ?? prevT?.title ?? `NVIDIA bulletin ${src.bulletin}`;
    const date = meta.date ?? prevD?.date ?? prevT?.date ?? '';
    if (Object.keys(branches).length) driver.push({ bulletin: src.bulletin, title, url, date, cves: dCves.sort((a, b) => a.cve.localeCompare(b.cve)), branches });
    if (Object.keys(products).length) toolkit.push({ bulletin: src.bulletin, title, url, date, cves: tCves, products, ...(prevT?.note ? { note: prevT.note } : {}) });
  }
  return {
    generated: new Date().toISOString().slice(0, 10),
    source: 'NVIDIA/product-security CVE records (rebuilt by scripts/gpu/update-nvidia-bulletins.mjs)',
    driver,
    toolkit,
    toolkitConditions: previous?.toolkitConditions ?? { notWithCdi: [], notWithCrun: [], mitigatedByFeature: {} },
  };
}
