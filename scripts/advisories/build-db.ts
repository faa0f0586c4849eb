// Rebuilds data/advisories/ml-advisories.json.
//
//   node --import tsx scripts/advisories/build-db.ts                 # from the curated records
//   node --import tsx scripts/advisories/build-db.ts --from all.zip  # from an OSV export (+ curated
//                                                                     #   Go/NVIDIA records it lacks)
//   options: --out FILE (default data/advisories/ml-advisories.json), --date YYYY-MM-DD
//
// The curated records (scripts/advisories/curated.ts) are written by hand from the public
// advisory records (GitHub advisory database, PyPA advisory database / OSV, NVD, vendor
// bulletins); each names its sources in `references`. An OSV export (osv.dev's per-ecosystem
// all.zip, or a directory of OSV JSON) supersedes curated PyPI records for the same flaw.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importOsv } from '../../src/advisories/import.js';
import { BUNDLE_FORMAT, type AdvisoryBundle } from '../../src/advisories/db.js';
import { CURATED_DATE, curatedRecords } from './curated.js';

const { values } = parseArgs({ options: { from: { type: 'string' }, out: { type: 'string' }, date: { type: 'string' } } });
const out = values.out ?? new URL('../../data/advisories/ml-advisories.json', import.meta.url).pathname;
const curated: AdvisoryBundle = {
  format: BUNDLE_FORMAT,
  generated: values.date ?? CURATED_DATE,
  source: 'mlwarden curated snapshot (GitHub advisory database, PyPA/OSV, NVD, vendor bulletins)',
  advisories: curatedRecords(),
};
let bundle = curated;
if (values.from) {
  const r = await importOsv(values.from, { base: curated, date: values.date, source: `OSV export ${values.from} + mlwarden curated records` });
  bundle = r.bundle;
  process.stderr.write(`read ${r.read} records, kept ${r.kept} for tracked packages, ${bundle.advisories.length} in total\n`);
}
writeFileSync(out, `${JSON.stringify(bundle, null, 1)}\n`);
process.stderr.write(`wrote ${bundle.advisories.length} advisories to ${out}\n`);
