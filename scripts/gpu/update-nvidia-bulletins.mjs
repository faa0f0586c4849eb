#!/usr/bin/env node
// Rebuilds data/gpu/nvidia-bulletins.json from a local checkout (or extracted tarball) of
// https://github.com/NVIDIA/product-security — NVIDIA PSIRT's own bulletin store, the only source
// after 2026-10-01. Offline: it reads files, never the network.
//
//   git clone --depth 1 https://github.com/NVIDIA/product-security /tmp/ps
//   npm run build && node scripts/gpu/update-nvidia-bulletins.mjs /tmp/ps [--since 2022]
//
// Toolkit "fixed in" versions and the exploit conditions (notWithCdi, crun, feature-flag
// mitigations) come from the bulletin prose, not the CVE records: they are kept from the current
// data file; review new toolkit bulletins by hand and add them there.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const checkout = args.find((a) => !a.startsWith('--'));
const since = Number(args[args.indexOf('--since') + 1] || 2022);
const out = join(root, 'data/gpu/nvidia-bulletins.json');
if (!checkout || !existsSync(checkout)) {
  console.error('usage: update-nvidia-bulletins.mjs PRODUCT_SECURITY_CHECKOUT [--since YEAR]');
  process.exit(2);
}
const { buildBulletinData } = await import(join(root, 'dist/src/advisories/nvidia-bulletin-build.js'));
const readJson = (f) => {
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    return undefined;
  }
};
const sources = [];
for (const year of readdirSync(checkout).filter((y) => /^\d{4}$/.test(y) && Number(y) >= since)) {
  for (const id of readdirSync(join(checkout, year)).filter((d) => /^\d+$/.test(d))) {
    const dir = join(checkout, year, id);
    const cves = readdirSync(dir).filter((f) => /^CVE-\d{4}-\d+\.json$/.test(f)).map((f) => readJson(join(dir, f))).filter(Boolean);
    if (cves.length) sources.push({ bulletin: Number(id), csaf: readJson(join(dir, `${id}.json`)), cves });
  }
}
const previous = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : undefined;
const data = buildBulletinData(sources, previous);
data.about = previous?.about ?? 'NVIDIA security bulletins used by mlwarden gpu.';
writeFileSync(out, `${JSON.stringify(data, null, 1)}\n`);
console.error(`${sources.length} bulletins read; ${data.driver.length} driver and ${data.toolkit.length} toolkit bulletins written to ${out}`);
