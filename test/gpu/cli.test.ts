import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tmpTree } from '../helpers/tmp.js';
import { collectEvidence, type CommandRunner } from '../../src/targets/gpu/collect.js';
import { loadEvidenceDir, writeEvidenceDir } from '../../src/parsers/gpu/evidence.js';
import { auditGpu } from '../../src/scan/gpu-audit.js';
import { FIX } from './helpers.js';

const MINER = join(FIX, 'a100-timesliced-miner');
const H100 = join(FIX, 'h100-real-580.159.04');

test('mlwarden gpu --from DIR: JSON report, exit 1 at the default fail-on high', async () => {
  const r = await cli(['gpu', '--from', MINER, '--format', 'json']);
  assert.equal(r.code, 1);
  const rep = JSON.parse(r.stdout);
  assert.ok(rep.findings.some((f: { ruleId: string }) => f.ruleId === 'gpu/miner-process'));
  assert.deepEqual(rep.targets, [MINER]);
  assert.equal(rep.findings[0].properties.provenance.evidence, 'dir');
});

test('--format jsonl prints one finding per line; --fail-on none exits 0; --severity filters', async () => {
  const r = await cli(['gpu', '--from', H100, '--format', 'jsonl', '--fail-on', 'none', '--severity', 'low']);
  assert.equal(r.code, 0);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length >= 3);
  for (const l of lines) {
    assert.equal(l.tool, 'mlwarden');
    assert.equal(l.host, H100);
    assert.ok(l.ruleId.startsWith('gpu/'));
    assert.notEqual(l.severity, 'info');
  }
  const both = await cli(['gpu', '--from', H100, '--format', 'jsonl', '--format', 'sarif']);
  assert.equal(both.code, 1, 'high driver finding');
  assert.match(both.stdout, /"ruleId":"gpu\/driver-vulnerable"/);
  assert.match(both.stdout, /"version": "2\.1\.0"/);
});

test('a baseline hides known findings of a host (same fingerprints on re-audit)', async () => {
  const t = tmpTree();
  try {
    const first = await cli(['gpu', '--from', MINER, '--format', `json=${t.path('base.json')}`]);
    assert.equal(first.code, 1);
    const again = await cli(['gpu', '--from', MINER, '--baseline', t.path('base.json'), '--format', 'json']);
    assert.equal(again.code, 0);
    assert.equal(JSON.parse(again.stdout).findings.length, 0);
  } finally {
    t.cleanup();
  }
});

test('usage errors exit 2', async () => {
  assert.equal((await cli(['gpu', '--from', MINER, '--collect', 'x'])).code, 2);
  assert.equal((await cli(['gpu', '--from', MINER, '--metrics', 'nope'])).code, 2);
  assert.equal((await cli(['gpu', '--timeout', '-1', '--from', MINER])).code, 2);
  assert.match((await cli(['gpu', '--help'])).stdout, /--collect DIR/);
});

test('live collection under --root with an injected command runner (no nvidia-smi is ever run)', async () => {
  const xml = readFileSync(join(H100, 'nvidia-smi-q.xml'), 'utf8');
  const calls: string[] = [];
  const runner: CommandRunner = async (file, args) => {
    calls.push([file, ...args].join(' '));
    if (file === 'nvidia-smi' && args[0] === '-q') return { ok: true, stdout: xml };
    if (file === 'nvidia-smi') return { ok: true, stdout: readFileSync(join(H100, 'nvidia-smi-compute-apps.csv'), 'utf8') };
    if (file === 'nvidia-ctk') return { ok: true, stdout: 'NVIDIA Container Toolkit CLI version 1.17.7\ncommit: x\n' };
    return { ok: false, stdout: '', error: 'command not found' };
  };
  const t = tmpTree({
    'etc/hostname': 'gpu-node-7\n',
    'proc/driver/nvidia/version': readFileSync(join(H100, 'driver-version.txt'), 'utf8'),
    'etc/nvidia-container-runtime/config.toml': '[nvidia-container-runtime]\nmode = "cdi"\n',
    'etc/cdi/nvidia.yaml': 'cdiVersion: 0.5.0\nkind: nvidia.com/gpu\ndevices: []\n',
    'proc/418/cmdline': 'python3\0-c\0import torch\0',
    'proc/418/cgroup': '0::/kubepods.slice/kubepods-pod11111111_2222_3333_4444_555555555555.slice/cri-containerd-ab.scope\n',
    'proc/418/status': 'Name:\tpython3\nUid:\t0\t0\t0\t0\n',
    'proc/418/net/tcp': readFileSync(join(MINER, 'proc/48211/net/tcp'), 'utf8'),
    'proc/418/net/udp': readFileSync(join(MINER, 'proc/48211/net/udp'), 'utf8'),
    'dev/nvidia0': '',
    'dev/nvidiactl': '',
  });
  try {
    symlinkSync('/usr/bin/python3.12', t.path('proc/418/exe'));
    // /proc/<pid>/fd: dangling links whose targets are what the kernel shows (socket:[inode], pipes, files).
    mkdirSync(t.path('proc/418/fd'));
    for (const [fd, target] of [['0', '/dev/null'], ['3', 'socket:[31003]'], ['4', 'pipe:[777]'], ['5', 'socket:[31005]'], ['6', 'socket:[31009]'], ['7', 'socket:[424242]']])
      symlinkSync(target, t.path(`proc/418/fd/${fd}`));
    const ev = await collectEvidence({ root: t.dir, runner });
    assert.equal(ev.label, 'gpu-node-7');
    assert.deepEqual(calls, ['nvidia-smi -q -x', 'nvidia-smi --query-compute-apps=pid,process_name,used_gpu_memory,gpu_uuid --format=csv', 'nvidia-ctk --version', 'nvidia-container-cli --version']);
    assert.equal(ev.files['proc/418/exe'], '/usr/bin/python3.12\n');
    assert.match(ev.files['dev-nvidia.txt'], /^-rw-r--r-- 1 \S+ \S+ 0 .* \/dev\/nvidia0$/m);
    assert.equal(ev.notes['nvidia-container-cli-version.txt'], '`nvidia-container-cli --version` command not found');
    assert.deepEqual(ev.files['proc/418/fd-sockets.txt'].trim().split('\n').sort(), ['31003', '31005', '31009', '424242']);
    assert.match(ev.files['proc/418/net/tcp'], /^ {2}sl {2}local_address rem_address/);
    assert.match(ev.notes['proc/418/net/tcp6'], /not readable/);
    // --collect writes the documented layout, and --from reads it back to the same audit.
    const out = join(t.dir, 'out');
    const written = await writeEvidenceDir(out, ev);
    assert.ok(written.includes('nvidia-smi-q.xml') && written.includes('proc/418/cgroup') && written.includes('cdi/nvidia.yaml') && written.includes('collect-notes.txt'));
    const back = await loadEvidenceDir(out, 'gpu-node-7');
    assert.deepEqual(Object.keys(back.files).sort(), Object.keys(ev.files).sort());
    assert.deepEqual(back.notes, ev.notes);
    const { report } = await auditGpu({ from: out, label: 'gpu-node-7' });
    const missing = report.findings.filter((f) => f.ruleId === 'gpu/evidence-missing');
    assert.deepEqual(missing.map((f) => f.message), ['nvidia-container-cli-version.txt not available (`nvidia-container-cli --version` command not found): libnvidia-container version was not checked against its bulletins']);
    assert.equal(report.findings.filter((f) => f.ruleId === 'gpu/process-outside-job').length, 0, 'pid 418 is a pod');
    assert.equal(report.findings.filter((f) => f.ruleId === 'gpu/mining-pool-connection').length, 0, '10.42.1.18:3333 is a private peer');
    const tk = report.findings.find((f) => f.ruleId === 'gpu/container-toolkit-vulnerable');
    assert.ok(tk && (tk.properties?.cves as string[]).includes('CVE-2025-23266'));
    assert.equal(report.findings[0].location.path, 'gpu-node-7');
  } finally {
    t.cleanup();
  }
});

test('a nvidia-smi that fails or times out leaves a note, never a clean audit', async () => {
  const t = tmpTree({ 'etc/hostname': 'n1\n' });
  try {
    const ev = await collectEvidence({ root: t.dir, runner: async () => ({ ok: false, stdout: '', error: 'timed out after 30000 ms' }) });
    assert.equal(ev.notes['nvidia-smi-q.xml'], '`nvidia-smi -q -x` timed out after 30000 ms');
    mkdirSync(t.path('e'));
    await writeEvidenceDir(t.path('e'), ev);
    const r = await cli(['gpu', '--from', t.path('e'), '--format', 'json', '--fail-on', 'low']);
    const f = JSON.parse(r.stdout).findings;
    // Only coverage gaps reach the gate: it fails, with the "incomplete" code rather than "findings".
    assert.equal(r.code, 3);
    assert.match(f.find((x: { location: { innerPath: string } }) => x.location.innerPath === 'nvidia-smi-q.xml').message, /timed out/);
    assert.deepEqual(readdirSync(t.path('e')), ['collect-notes.txt']);
    writeFileSync(t.path('e/nvidia-smi-q.xml'), '');
  } finally {
    t.cleanup();
  }
});
