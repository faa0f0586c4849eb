import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdvisoryDatabase, matchAdvisories, getDatabase } from '../../src/advisories/db.js';
import { inRange, fixedAbove } from '../../src/advisories/osv.js';
import { cvss3BaseScore } from '../../src/advisories/cvss.js';
import type { OsvRecord } from '../../src/advisories/osv.js';

const range = (...events: Array<Record<string, string>>) => ({ type: 'ECOSYSTEM', events });

test('OSV ranges: introduced/fixed, last_affected, several ranges, PEP 440 order', () => {
  const r = range({ introduced: '0' }, { fixed: '2.9.2' });
  assert.ok(inRange('PyPI', r, '2.9.1'));
  assert.ok(inRange('PyPI', r, '2.9.2rc1'), 'a pre-release of the fix is still affected');
  assert.ok(!inRange('PyPI', r, '2.9.2'));
  assert.ok(!inRange('PyPI', r, '2.10.0'));
  assert.ok(inRange('PyPI', range({ introduced: '0' }, { fixed: '2.6.0' }), '2.5.1+cu124'), 'local builds match their release');
  assert.ok(!inRange('PyPI', range({ introduced: '0' }, { fixed: '2.6.0' }), '2.6.0+cpu'));
  const la = range({ introduced: '1.0' }, { last_affected: '2.4.1' });
  assert.ok(inRange('PyPI', la, '2.4.1') && inRange('PyPI', la, '1.0') && !inRange('PyPI', la, '2.4.2') && !inRange('PyPI', la, '0.9'));
  const two = range({ introduced: '0' }, { fixed: '3.6.7' }, { introduced: '4.0.0' }, { fixed: '4.0.11' });
  assert.ok(inRange('PyPI', two, '3.6.6') && !inRange('PyPI', two, '3.6.9') && inRange('PyPI', two, '4.0.10') && !inRange('PyPI', two, '4.1.0'));
  assert.ok(inRange('Go', range({ introduced: '0' }, { fixed: '0.1.34' }), 'v0.1.33'));
  assert.ok(!inRange('PyPI', r, 'not-a-version'), 'unparseable versions are never called affected');
});

test('the upgrade target is the lowest fix above the version on its release line', () => {
  const a = { package: { ecosystem: 'PyPI', name: 'jupyterlab' }, ranges: [range({ introduced: '0' }, { fixed: '3.6.7' }, { introduced: '4.0.0' }, { fixed: '4.0.11' })] };
  assert.equal(fixedAbove(a, '3.6.1'), '3.6.7');
  assert.equal(fixedAbove(a, '4.0.2'), '4.0.11');
});

test('CVSS v3 base scores follow the specification', () => {
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N'), 7.5);
  assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H'), 9.6);
  assert.equal(cvss3BaseScore('CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N'), 0);
  assert.equal(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), undefined);
});

test('records sharing an alias (GHSA, PYSEC, CVE) merge into one match with the scored one first', () => {
  const rec = (id: string, aliases: string[], extra: Partial<OsvRecord> = {}): OsvRecord => ({
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases,
    summary: id,
    affected: [{ package: { ecosystem: 'PyPI', name: 'Demo_Pkg' }, ranges: [range({ introduced: '0' }, { fixed: '1.2' })] }],
    ...extra,
  });
  const db = new AdvisoryDatabase(
    {
      format: 'x',
      generated: '2024-01-01',
      source: 't',
      advisories: [
        rec('PYSEC-1', ['CVE-1']),
        rec('GHSA-1', ['CVE-1'], { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }),
        rec('GHSA-2', [], { database_specific: { severity: 'MODERATE' } }),
        rec('GHSA-3', [], { withdrawn: '2024-02-01T00:00:00Z' }),
      ],
    },
    { path: 'x', origin: 'bundled', generated: '', source: '', advisories: 0, packages: 0 },
  );
  const m = db.match('PyPI', 'demo-pkg', '1.1');
  assert.deepEqual(m.map((x) => x.id), ['GHSA-1', 'GHSA-2']);
  assert.equal(m[0].severity, 'critical');
  assert.ok(m[0].aliases.includes('PYSEC-1') && m[0].aliases.includes('CVE-1'));
  assert.equal(m[1].severity, 'medium');
  assert.deepEqual(db.match('PyPI', 'demo-pkg', '1.2'), []);
});

test('matchAdvisories answers the headline ML CVEs from the bundled snapshot', () => {
  const ids = (eco: string, name: string, v: string) => matchAdvisories(eco, name, v).flatMap((m) => [m.id, ...m.aliases]);
  assert.ok(ids('PyPI', 'mlflow', '2.9.1').includes('CVE-2023-6831'));
  assert.ok(ids('PyPI', 'MLflow', '2.2.0').includes('CVE-2023-1177'));
  assert.ok(ids('PyPI', 'torch', '2.5.1').includes('CVE-2025-32434'));
  assert.ok(!ids('PyPI', 'torch', '2.6.0').includes('CVE-2025-32434'));
  assert.ok(ids('PyPI', 'ray', '2.8.0').includes('CVE-2023-6019'));
  assert.ok(ids('PyPI', 'torchserve', '0.8.1').includes('CVE-2023-43654'));
  assert.ok(ids('Go', 'github.com/ollama/ollama', '0.1.33').includes('CVE-2024-37032'));
  assert.ok(ids('NVIDIA', 'nvidia-container-toolkit', '1.16.1').includes('CVE-2024-0132'));
  assert.ok(ids('NVIDIA', 'nvidia-container-toolkit', '1.17.7').includes('CVE-2025-23266'));
  assert.ok(!ids('NVIDIA', 'nvidia-container-toolkit', '1.17.8').includes('CVE-2025-23266'));
  assert.ok(ids('PyPI', 'llama_cpp_python', '0.2.71').includes('CVE-2024-34359'));
  assert.deepEqual(matchAdvisories('PyPI', 'not-an-ml-package', '1.0'), []);
  const shadowRay = matchAdvisories('PyPI', 'ray', '2.40.0').find((m) => m.id === 'CVE-2023-48022');
  assert.ok(shadowRay?.note?.includes('Disputed'), 'the disputed ShadowRay CVE carries its note');
});

test('the bundled snapshot is well-formed OSV with sources for every record', () => {
  const db = getDatabase();
  assert.ok(db.bundle.advisories.length >= 100, `${db.bundle.advisories.length} advisories`);
  assert.match(db.info.generated, /^\d{4}-\d{2}-\d{2}$/);
  for (const r of db.bundle.advisories) {
    assert.ok(r.id && r.modified && r.summary, r.id);
    assert.ok((r.references ?? []).length >= 2, `${r.id} has references`);
    assert.ok((r.affected ?? []).length > 0, `${r.id} has affected packages`);
    assert.ok(r.severity?.length || r.database_specific?.severity || r.database_specific?.unrated, `${r.id} has a severity or says it has none`);
    const verified = r.database_specific?.verified_against as string[] | undefined;
    assert.ok(verified?.length, `${r.id} names the public record it was verified against`);
    for (const v of verified!) assert.match(v, /^(CVEProject\/cvelistV5:cves\/\d{4}\/\d+xxx\/CVE-\d{4}-\d+\.json|pypa\/advisory-database:vulns\/[\w.-]+\/[\w.-]+\.yaml)$/, r.id);
    for (const a of r.affected!) for (const g of a.ranges ?? []) assert.ok(g.events.some((e) => e.introduced !== undefined), `${r.id} range`);
  }
});
