import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, driverVerdict, loadBulletins, toolkitVerdict } from '../../src/advisories/nvidia-bulletins.js';
import { buildBulletinData } from '../../src/advisories/nvidia-bulletin-build.js';

test('driver versions compare numerically per component, pre-releases first', () => {
  assert.ok(compareVersions('535.54.03', '535.129.03') < 0);
  assert.ok(compareVersions('580.159.04', '580.159.03') > 0);
  assert.ok(compareVersions('1.17.0-rc.1', '1.17.0') < 0);
  assert.equal(compareVersions('390.157', '390.157.0'), 0);
});

test('branch-aware driver verdicts: fixed version is not vulnerable, the one before is', () => {
  assert.equal(driverVerdict('580.178.04').hits.length, 0);
  const v = driverVerdict('580.178.03');
  assert.deepEqual(v.hits.map((h) => h.bulletin.bulletin), [5861]);
  assert.equal(v.minimumSafe, '580.178.04');
  // R570 product lines differ in bulletin 5614: Tesla 570.86.15 is fixed, GeForce needs 570.86.16.
  assert.ok(!driverVerdict('570.86.15', 'NVIDIA').hits.some((h) => h.bulletin.bulletin === 5614));
  assert.ok(driverVerdict('570.86.15', 'GeForce').hits.some((h) => h.bulletin.bulletin === 5614));
  const eol = driverVerdict('550.163.01');
  assert.equal(eol.hits.length, 0);
  assert.ok(eol.bulletinsSinceLastListed >= 2, 'R550 last listed in 5630');
  assert.equal(driverVerdict('620.10.01').newerThanData, true);
});

test('toolkit verdicts respect CDI-only ranges, CDI mode, crun and the compat-hook flag', () => {
  const cves = (v: string, ctx = {}) => toolkitVerdict(v, ctx).filter((c) => !c.notApplicable && !c.mitigated).map((c) => c.cve);
  assert.deepEqual(cves('1.19.1'), []);
  assert.deepEqual(cves('1.17.8'), ['CVE-2026-24260']);
  assert.ok(cves('1.16.2').includes('CVE-2024-0134') && !cves('1.16.2').includes('CVE-2024-0132'));
  assert.ok(!cves('1.17.4', { cdiPossible: false }).includes('CVE-2025-23266'));
  assert.ok(cves('1.17.5', { cdiPossible: false }).includes('CVE-2025-23266'), '1.17.5+ is affected in every mode');
  assert.ok(!cves('1.16.1', { cdiOnly: true }).includes('CVE-2024-0132'));
  assert.ok(!cves('1.17.7', { crun: true }).includes('CVE-2025-23266'));
  assert.ok(!cves('1.17.7', { features: { 'disable-cuda-compat-lib-hook': true } }).includes('CVE-2025-23266'));
  assert.ok(cves('1.17.7', { features: { 'disable-cuda-compat-lib-hook': true } }).includes('CVE-2025-23267'));
});

test('the shipped data covers every branch of the newest bulletin and has no empty toolkit rows', () => {
  const d = loadBulletins();
  assert.ok(d.driver.length >= 17);
  for (const b of d.toolkit) assert.ok(Object.keys(b.products).length > 0, `bulletin ${b.bulletin}`);
  for (const b of d.driver) for (const [br, e] of Object.entries(b.branches)) assert.match(`${br} ${e.fixed}`, /^R\d{3} \d{3}\.\d+(\.\d+)?$/);
});

// Shapes of real records in NVIDIA/product-security (2026/5821/CVE-2026-24187.json, 2025/5659/CVE-2025-23266.json), trimmed.
const rec = (id: string, score: number, affected: unknown[]) => ({ cveMetadata: { cveId: id }, containers: { cna: { affected, metrics: [{ cvssV3_1: { baseScore: score, vectorString: 'CVSS:3.1/AV:L' } }] } } });
const aff = (product: string, platform: string, version: string) => ({ product, platforms: [platform], versions: [{ status: 'affected', version }] });

test('the bulletin builder reads CVE records: branches per product line, toolkit ranges, vGPU rows ignored', () => {
  const data = buildBulletinData([
    {
      bulletin: 5821,
      csaf: { document: { title: 'NVIDIA GPU Display Driver - May 2026', tracking: { current_release_date: '2026-05-21T00:00:00Z' } } },
      cves: [
        rec('CVE-2026-24187', 8.8, [
          aff('GeForce', 'Linux(R580)', 'All driver versions prior to 580.159.03'),
          aff('Tesla', 'Linux(R580)', 'All driver versions prior to 580.159.03'),
          aff('NVIDIA RTX, Quadro, NVS', 'Linux(R535)', 'All driver versions prior to 535.309.01'),
          aff('Guest driver', 'Linux(R580 vGPU 19)', '580.126.09(All versions prior to and including vGPU 19.4)'),
          aff('GeForce', 'Windows(R580)', 'All driver versions prior to 581.01'),
        ]),
      ],
    },
    {
      bulletin: 5659,
      csaf: { document: { title: 'NVIDIA Container Toolkit - July 2025', tracking: { current_release_date: '2025-08-12' } } },
      cves: [rec('CVE-2025-23266', 9, [aff('NVIDIA Container Toolkit', 'Linux', 'All versions up to and including 1.17.7 (CDI mode only for versions prior to 1.17.5)'), aff('Kubernetes Device Plugin', 'Linux', 'All versions up to and including 0.17.2 (only when device-list-strategy is cdi-annotations and/or cdi-cri)')])],
    },
  ]);
  assert.deepEqual(data.driver[0].branches, { R580: { fixed: '580.159.03' }, R535: { fixed: '535.309.01' } });
  assert.equal(data.driver[0].url, 'https://github.com/NVIDIA/product-security/tree/main/2026/5821');
  assert.deepEqual(data.driver[0].cves, [{ cve: 'CVE-2026-24187', cvss: 8.8, vector: 'CVSS:3.1/AV:L' }]);
  assert.equal(data.toolkit[0].products['container-toolkit'].cdiOnlyBelow, '1.17.5');
  assert.equal(data.toolkit[0].products['device-plugin'].condition, 'device-list-strategy is cdi-annotations and/or cdi-cri');
});
