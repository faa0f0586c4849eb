import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { auditGpu } from '../../src/scan/gpu-audit.js';
import { auditTree, FIX, fx, ids, only } from './helpers.js';

const XML = 'nvidia-smi-q.xml';
const CFG = 'nvidia-container-runtime/config.toml';

test('real H100 capture: R580 driver behind bulletin 5861, world-rw nodes, unrecognised cgroup low, no miner', async () => {
  const { report } = await auditGpu({ from: join(FIX, 'h100-real-580.159.04') });
  const f = report.findings;
  const drv = only(f, 'gpu/driver-vulnerable')[0];
  assert.equal(drv.severity, 'high');
  assert.match(drv.message, /580\.159\.04 \(R580\).*5861.*fixed 580\.178\.04/);
  assert.equal(drv.location.innerPath, XML);
  assert.equal(only(f, 'gpu/driver-branch-unsupported').length, 0, 'R580 is listed in the newest bulletin');
  assert.equal(only(f, 'gpu/process-outside-job')[0].severity, 'low');
  assert.equal(only(f, 'gpu/device-node-world-accessible').length, 1);
  for (const none of ['gpu/miner-process', 'gpu/process-suspicious-executable', 'gpu/shared-gpu-without-isolation', 'gpu/unattributed-gpu-memory', 'gpu/ecc-disabled', 'gpu/mig-capability-node-open', 'gpu/evidence-unreadable'])
    assert.equal(only(f, none).length, 0, none);
  // No toolkit on that host: reported as not checked, one finding per input. The capture predates
  // network evidence, so the job's peers are "not checked" too.
  assert.deepEqual(only(f, 'gpu/evidence-missing').map((x) => x.location.innerPath).sort(), ['cdi', 'nvidia-container-cli-version.txt', 'nvidia-container-runtime/config.toml', 'nvidia-ctk-version.txt', 'proc/418/net']);
  assert.equal(report.findings[0].location.path.endsWith('h100-real-580.159.04'), true);
});

test('a site job prefix makes the real H100 job count as scheduled', async () => {
  const { report } = await auditGpu({ from: join(FIX, 'h100-real-580.159.04'), jobCgroups: ['/process_api/'] });
  assert.equal(only(report.findings, 'gpu/process-outside-job').length, 0);
});

test('time-sliced A100 with a miner: miner, suspicious exe, unscheduled process, sharing, old driver, vulnerable toolkit', async () => {
  const { report } = await auditGpu({ from: join(FIX, 'a100-timesliced-miner') });
  const f = report.findings;
  const miner = only(f, 'gpu/miner-process');
  assert.equal(miner.length, 1);
  assert.equal(miner[0].severity, 'critical');
  assert.match(miner[0].message, /77340.*T-Rex.*stratum\+tcp/);
  assert.match(only(f, 'gpu/process-suspicious-executable')[0].message, /deleted.*\/dev\/shm.*hidden/);
  const outside = only(f, 'gpu/process-outside-job');
  assert.deepEqual(outside.map((x) => [x.properties?.pid, x.severity]), [[77340, 'high']], 'the two pods are attributed');
  const shared = only(f, 'gpu/shared-gpu-without-isolation')[0];
  assert.match(shared.message, /3 processes of 3 different owners.*MIG-capable but MIG is disabled/);
  assert.equal(only(f, 'gpu/driver-vulnerable')[0].severity, 'high');
  assert.match(only(f, 'gpu/driver-vulnerable')[0].message, /max CVSS 8\.8/);
  assert.equal(only(f, 'gpu/driver-branch-unsupported')[0].severity, 'medium');
  const tk = only(f, 'gpu/container-toolkit-vulnerable');
  assert.deepEqual(tk.map((x) => [x.location.innerPath, x.severity]).sort(), [['nvidia-container-cli-version.txt', 'critical'], ['nvidia-ctk-version.txt', 'critical']]);
  assert.ok((tk[0].properties?.cves as string[]).includes('CVE-2024-0132'));
  assert.equal(only(f, 'gpu/mig-capability-node-open').length, 2);
  assert.equal(only(f, 'gpu/cdi-hook-untrusted-path').length, 1, 'only the planted /tmp hook');
  assert.equal(only(f, 'gpu/ecc-disabled').length, 0);
});

test('MIG-enabled H100 on superseded R590: branch flagged, no sharing/ECC/driver-CVE findings', async () => {
  const f = await auditTree({ [XML]: fx('nvidia-smi/h100-mig-590.48.01.xml'), 'nvidia-smi-compute-apps.csv': fx('nvidia-smi/compute-apps-h100-mig.csv') });
  const br = only(f, 'gpu/driver-branch-unsupported')[0];
  assert.equal(br.severity, 'high');
  assert.match(br.message, /R590 was last listed in bulletin 5747/);
  for (const none of ['gpu/driver-vulnerable', 'gpu/shared-gpu-without-isolation', 'gpu/ecc-disabled', 'gpu/mode-change-pending', 'gpu/miner-process', 'gpu/unattributed-gpu-memory'])
    assert.equal(only(f, none).length, 0, none);
  // Three GPU processes without /proc evidence: each reported as not attributable.
  assert.deepEqual(only(f, 'gpu/evidence-missing').filter((x) => x.location.innerPath?.startsWith('proc/')).map((x) => x.location.innerPath), ['proc/21180', 'proc/21181', 'proc/21198']);
});

test('Tesla T4 on R470: vulnerable and end of life', async () => {
  const f = await auditTree({ [XML]: fx('nvidia-smi/tesla-t4-eol-470.82.01.xml') });
  const v = only(f, 'gpu/driver-vulnerable')[0];
  assert.match(v.message, /minimum safe R470 version: 470\.256\.02/);
  assert.ok((v.properties?.cves as string[]).includes('CVE-2024-0090'));
  assert.equal(only(f, 'gpu/driver-branch-unsupported')[0].severity, 'high');
  assert.equal(only(f, 'gpu/shared-gpu-without-isolation').length + only(f, 'gpu/miner-process').length, 0);
});

test('consumer RTX 3080: memory used with no visible process, consumer card, ECC N/A is not "disabled"', async () => {
  const f = await auditTree({ [XML]: fx('nvidia-smi/rtx3080-consumer-595.58.03.xml'), 'nvidia-smi-compute-apps.csv': fx('nvidia-smi/compute-apps-container-na.csv') });
  const un = only(f, 'gpu/unattributed-gpu-memory').map((x) => x.message);
  assert.equal(un.length, 2);
  assert.ok(un.some((m) => /9184 MiB in use/.test(m)));
  assert.ok(un.some((m) => /3511132, 3511190/.test(m)));
  assert.equal(only(f, 'gpu/consumer-gpu')[0].severity, 'info');
  assert.equal(only(f, 'gpu/ecc-disabled').length, 0);
  assert.match(only(f, 'gpu/driver-vulnerable')[0].message, /595\.58\.03 \(R595\).*595\.91\.07/);
});

test('no inputs at all is never clean: every input reported missing, nvidia-smi at low', async () => {
  const f = await auditTree({});
  assert.deepEqual(ids(f), ['gpu/evidence-missing']);
  assert.equal(f.length, 8);
  assert.equal(f.find((x) => x.location.innerPath === XML)?.severity, 'low');
});

test('broken evidence is reported and the rest still audited', async () => {
  const f = await auditTree({ [XML]: fx('nvidia-smi/tesla-t4-eol-470.82.01.xml').slice(0, 900), [CFG]: '[nvidia-container-cli\nldconfig = "/sbin/ldconfig"' });
  const un = only(f, 'gpu/evidence-unreadable').map((x) => x.location.innerPath);
  assert.deepEqual([...new Set(un)].sort(), [CFG, XML]);
  assert.equal(only(f, 'gpu/driver-vulnerable').length, 1, 'driver version was read before the damage');
});

test('config.toml checks: default install, hardened, ldconfig from container, cuda compat opt-in, no-cgroups', async () => {
  const cfg = async (name: string) => auditTree({ [CFG]: fx(`container-runtime/${name}`) });
  const def = await cfg('config-default-1.17.8.toml');
  assert.equal(only(def, 'gpu/ctk-envvar-devices-unprivileged')[0].message.includes('defaults to true'), true);
  for (const none of ['gpu/ctk-ldconfig-not-host-rooted', 'gpu/ctk-no-cgroups', 'gpu/ctk-legacy-mode']) assert.equal(only(def, none).length, 0, none);
  const hard = await cfg('config-hardened.toml');
  assert.deepEqual(ids(hard).filter((i) => i.startsWith('gpu/ctk-')), []);
  const ld = await cfg('config-ldconfig-from-container.toml');
  assert.ok(ids(ld).includes('gpu/ctk-ldconfig-not-host-rooted') && ids(ld).includes('gpu/ctk-ldconfig-from-container-allowed'));
  assert.equal(only(ld, 'gpu/ctk-ldconfig-not-host-rooted')[0].location.line, 6);
  const compat = await cfg('config-cuda-compat-optin.toml');
  assert.match(only(compat, 'gpu/ctk-cuda-compat-libs-from-container')[0].message, /CVE-2025-23359/);
  const nocg = await cfg('config-no-cgroups.toml');
  assert.ok(ids(nocg).includes('gpu/ctk-no-cgroups') && ids(nocg).includes('gpu/ctk-envvar-devices-unprivileged'));
});

test('toolkit versions: 1.17.8 only has CVE-2026-24260; 1.13.1 critical; NVIDIAScape mitigation lowers 1.17.7', async () => {
  const v178 = only(await auditTree({ 'nvidia-ctk-version.txt': fx('versions/nvidia-ctk-1.17.8.txt') }), 'gpu/container-toolkit-vulnerable');
  assert.equal(v178.length, 1);
  assert.deepEqual(v178[0].properties?.cves, ['CVE-2026-24260']);
  assert.equal(v178[0].severity, 'high');
  assert.match(v178[0].message, /Upgrade to 1\.19\.1/);
  assert.equal(only(await auditTree({ 'nvidia-ctk-version.txt': 'NVIDIA Container Toolkit CLI version 1.19.1\n' }), 'gpu/container-toolkit-vulnerable').length, 0);
  const v131 = only(await auditTree({ 'nvidia-ctk-version.txt': fx('versions/nvidia-ctk-1.13.1.txt') }), 'gpu/container-toolkit-vulnerable')[0];
  assert.equal(v131.severity, 'critical');
  const mitigated = await auditTree({ 'nvidia-ctk-version.txt': 'NVIDIA Container Toolkit CLI version 1.17.7\ncommit: 0\n', [CFG]: fx('container-runtime/config-nvidiascape-mitigated-1.17.7.toml') });
  const tk = only(mitigated, 'gpu/container-toolkit-vulnerable')[0];
  assert.equal(tk.severity, 'high', 'CVE-2025-23267 (8.5) still applies, 23266 (9.0) is mitigated');
  assert.deepEqual(tk.properties?.cves, ['CVE-2025-23267', 'CVE-2026-24260']);
  assert.equal(only(mitigated, 'gpu/ctk-cuda-compat-hook-disabled')[0].severity, 'info');
  // Legacy mode and the collector saw no CDI specs: the CDI-only CVEs of 1.17.4 (< 1.17.5) do not apply.
  const base = { 'nvidia-ctk-version.txt': 'NVIDIA Container Toolkit CLI version 1.17.4\n', [CFG]: '[nvidia-container-runtime]\nmode = "legacy"\n' };
  const legacy = only(await auditTree({ ...base, 'collect-notes.txt': 'cdi\tno CDI specs under /etc/cdi or /var/run/cdi\n' }), 'gpu/container-toolkit-vulnerable')[0];
  assert.deepEqual(legacy.properties?.cves, ['CVE-2026-24260']);
  // Without knowing whether CDI specs exist, the CDI-only CVEs are kept (unknown = applies).
  const unknown = only(await auditTree(base), 'gpu/container-toolkit-vulnerable')[0];
  assert.deepEqual(unknown.properties?.cves, ['CVE-2025-23266', 'CVE-2025-23267', 'CVE-2026-24260']);
});

test('device nodes: stock 0666 is medium, hardened is clean, open MIG caps are high', async () => {
  const def = await auditTree({ 'dev-nvidia.txt': fx('dev/ls-dev-nvidia-default.txt') });
  assert.equal(only(def, 'gpu/device-node-world-accessible').length, 1);
  assert.equal(only(def, 'gpu/mig-capability-node-open').length, 0);
  const hard = await auditTree({ 'dev-nvidia.txt': fx('dev/ls-dev-nvidia-hardened.txt') });
  assert.equal(only(hard, 'gpu/device-node-world-accessible').length + only(hard, 'gpu/mig-capability-node-open').length, 0);
  const caps = await auditTree({ 'dev-nvidia.txt': fx('dev/ls-dev-nvidia-caps-open.txt') });
  assert.equal(only(caps, 'gpu/mig-capability-node-open')[0].severity, 'high');
});

test('ECC off and pending mode changes are reported; legit pod processes are not miners', async () => {
  const xml = fx('nvidia-smi/a100-timesliced-miner-535.54.03.xml')
    .replace('<current_ecc>Enabled</current_ecc>', '<current_ecc>Disabled</current_ecc>')
    .replace('<pending_mig>Disabled</pending_mig>', '<pending_mig>Enabled</pending_mig>')
    .replace(/<process_info>\s*<gpu_instance_id>N\/A<\/gpu_instance_id>\s*<compute_instance_id>N\/A<\/compute_instance_id>\s*<pid>77340[\s\S]*?<\/process_info>/, '');
  const f = await auditTree({ [XML]: xml });
  assert.equal(only(f, 'gpu/ecc-disabled').length, 1);
  assert.deepEqual(only(f, 'gpu/mode-change-pending').map((x) => x.evidence).sort(), ['ecc current=Disabled pending=Enabled', 'mig current=Disabled pending=Enabled']);
  assert.equal(only(f, 'gpu/miner-process').length, 0);
});

test('miner by pool URL alone, and a process whose name only contains "miner" is not one', async () => {
  const xml = (name: string) => fx('nvidia-smi/tesla-t4-eol-470.82.01.xml').replace(/<processes>[\s\S]*<\/processes>/, `<processes><process_info><pid>9</pid><type>C</type><process_name>${name}</process_name><used_memory>100 MiB</used_memory></process_info></processes>`);
  const pool = await auditTree({ [XML]: xml('/usr/bin/python3'), 'proc/9/cmdline': 'python3\0run.py\0--url\0stratum+ssl://eu.nicehash.com:3353\0', 'proc/9/cgroup': '0::/kubepods.slice/kubepods-pod11111111_2222_3333_4444_555555555555.slice/x.scope\n' });
  assert.match(only(pool, 'gpu/miner-process')[0].message, /stratum\+ssl/);
  const benign = await auditTree({ [XML]: xml('/opt/app/dataminer-train') });
  assert.equal(only(benign, 'gpu/miner-process').length, 0);
});

test('real H200 evidence written by mlwarden gpu --collect audits like the shell-captured H100', async () => {
  const h200 = await auditGpu({ from: join(FIX, 'h200-real-collect-580.159.04') });
  const h100 = await auditGpu({ from: join(FIX, 'h100-real-580.159.04') });
  assert.deepEqual(ids(h200.report.findings), ids(h100.report.findings));
  const missing = only(h200.report.findings, 'gpu/evidence-missing');
  assert.ok(missing.every((f) => / \(.+\): /.test(f.message)), 'collector notes say why each input is missing');
  assert.match(only(h200.report.findings, 'gpu/process-outside-job')[0].message, /GPU process 720 \(\/usr\/bin\/python3\.12/);
});

test('ctk-broad-driver-capabilities: the default capability list (graphics, display, ...) is flagged at its line; compute,utility is not', async () => {
  const def = only(await auditTree({ [CFG]: fx('container-runtime/config-default-1.17.8.toml') }), 'gpu/ctk-broad-driver-capabilities');
  assert.equal(def.length, 1);
  assert.equal(def[0].location.line, 8);
  assert.match(def[0].message, /"compat32,compute,display,graphics,ngx,utility,video"/);
  assert.equal(only(await auditTree({ [CFG]: fx('container-runtime/config-hardened.toml') }), 'gpu/ctk-broad-driver-capabilities').length, 0);
  // Not set at all means every capability.
  const unset = only(await auditTree({ [CFG]: '[nvidia-container-cli]\nno-cgroups = false\n' }), 'gpu/ctk-broad-driver-capabilities');
  assert.match(unset[0].message, /is not set \(all capabilities\)/);
});

test('accounting-disabled: reported once per host with the GPUs that have it off; Enabled is clean', async () => {
  const xml = fx('nvidia-smi/h100-mig-590.48.01.xml');
  const off = only(await auditTree({ [XML]: xml }), 'gpu/accounting-disabled');
  assert.equal(off.length, 1);
  assert.equal(off[0].severity, 'low');
  assert.equal(off[0].location.innerPath, XML);
  assert.match(off[0].message, /accounting mode is disabled on 1 of 1 GPU/);
  const on = xml.replace(/<accounting_mode>Disabled<\/accounting_mode>/g, '<accounting_mode>Enabled</accounting_mode>');
  assert.equal(only(await auditTree({ [XML]: on }), 'gpu/accounting-disabled').length, 0);
});
