import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/parsers/gpu/xml.js';
import { parseNvidiaSmiXml } from '../../src/parsers/gpu/nvidia-smi.js';
import { parseComputeApps } from '../../src/parsers/gpu/compute-apps.js';
import { parseContainerCliVersion, parseCtkVersion, parseDriverVersionFile } from '../../src/parsers/gpu/versions.js';
import { parseDevListing } from '../../src/parsers/gpu/dev-listing.js';
import { ownerOf, parseProc } from '../../src/parsers/gpu/proc.js';
import { parseRuntimeConfig } from '../../src/parsers/gpu/runtime-config.js';
import { parseCdiSpec } from '../../src/parsers/gpu/cdi.js';
import { FIX, fx } from './helpers.js';

const real = (f: string) => readFileSync(join(FIX, 'h100-real-580.159.04', f), 'utf8');

test('reads the real H100 nvidia-smi -q -x capture (v13 DTD)', () => {
  const log = parseNvidiaSmiXml(real('nvidia-smi-q.xml'));
  assert.deepEqual(log.issues, []);
  assert.equal(log.driverVersion, '580.159.04');
  assert.equal(log.dtd, 'v13');
  assert.equal(log.gpus.length, 1);
  const g = log.gpus[0];
  assert.equal(g.id, '00000000:00:06.0');
  assert.equal(g.productName, 'NVIDIA H100 80GB HBM3');
  assert.equal(g.migCurrent, 'Disabled');
  assert.equal(g.eccCurrent, 'Enabled');
  assert.equal(g.computeMode, 'Default');
  assert.equal(g.accountingMode, 'Disabled');
  assert.equal(g.fbUsedMiB, 2575);
  assert.deepEqual(g.processes, [{ pid: 418, type: 'C', name: 'python3', usedMiB: 2566 }]);
});

test('treats N/A placeholders as unknown, not as values', () => {
  const g = parseNvidiaSmiXml(fx('nvidia-smi/rtx3080-consumer-595.58.03.xml')).gpus[0];
  assert.equal(g.migCurrent, undefined);
  assert.equal(g.eccCurrent, undefined);
  assert.equal(g.brand, 'GeForce');
  assert.deepEqual(g.processes, []);
});

test('reads MIG instances and per-process GPU instance ids', () => {
  const g = parseNvidiaSmiXml(fx('nvidia-smi/h100-mig-590.48.01.xml')).gpus[0];
  assert.equal(g.migCurrent, 'Enabled');
  assert.equal(g.migDevices, 4);
  assert.deepEqual(g.processes.map((p) => p.gpuInstanceId), [2, 2, 2]);
});

test('XML reader decodes entities, survives truncation and stray end tags', () => {
  const r = parseXml('<?xml version="1.0"?><!DOCTYPE a SYSTEM "x.dtd"><a x="1&amp;2"><b>&lt;c&gt; &#65;&#x42;</b></z><c><![CDATA[<raw>]]></c><d>');
  assert.equal(r.root?.attrs.x, '1&2');
  assert.equal(r.root?.children[0].text, '<c> AB');
  assert.equal(r.root?.children[1].text, '<raw>');
  assert.ok(r.issues.some((i) => /unexpected end tag/.test(i)));
  assert.ok(r.issues.some((i) => /input ended inside/.test(i)));
});

test('XML reader caps depth and element count instead of recursing or allocating', () => {
  const deep = '<a>'.repeat(100_000);
  const r = parseXml(deep);
  assert.ok(r.issues.some((i) => /nested deeper/.test(i)));
  const w = parseXml(`<a>${'<b/>'.repeat(5000)}</a>`, { maxElements: 1000, maxDepth: 64 });
  assert.ok(w.issues.some((i) => /more than 1000 elements/.test(i)));
  assert.equal(w.root?.children.length, 999);
  assert.equal(parseNvidiaSmiXml('not xml at all').gpus.length, 0);
});

test('compute-apps CSV: header units, [Not Found] names and [N/A] memory', () => {
  const { apps } = parseComputeApps(fx('nvidia-smi/compute-apps-container-na.csv'));
  assert.deepEqual(
    apps.map((a) => [a.pid, a.name, a.usedMiB, a.unresolvedName, a.unknownMemory]),
    [
      [3511132, undefined, 844, true, false],
      [3511190, undefined, undefined, true, true],
    ],
  );
  const mig = parseComputeApps(fx('nvidia-smi/compute-apps-h100-mig.csv')).apps;
  assert.equal(mig[2].name, './gpu_burn');
  assert.equal(mig[2].gpuBusId, '00000000:00:09.0');
  const noheader = parseComputeApps('418, python3, 2566, GPU-9b9d\n').apps[0];
  assert.deepEqual([noheader.pid, noheader.name, noheader.usedMiB, noheader.gpuUuid], [418, 'python3', 2566, 'GPU-9b9d']);
  assert.equal(parseComputeApps('pid, process_name, used_memory [MiB]\n7, /opt/a,b/run, 5 MiB\n').apps[0].name, '/opt/a,b/run');
});

test('version banners: nvidia-ctk, nvidia-container-cli (new and legacy), /proc/driver/nvidia/version', () => {
  assert.equal(parseCtkVersion(fx('versions/nvidia-ctk-1.17.8.txt')), '1.17.8');
  assert.equal(parseCtkVersion('NVIDIA Container Toolkit CLI version 1.11.0-rc.1\n'), '1.11.0-rc.1');
  assert.deepEqual(parseContainerCliVersion(fx('versions/nvidia-container-cli-1.16.1.txt')), { cliVersion: '1.16.1', libVersion: '1.16.1', legacy: false });
  assert.equal(parseContainerCliVersion(fx('versions/nvidia-container-cli-1.3.0-legacy.txt')).cliVersion, '1.3.0');
  const d = parseDriverVersionFile(real('driver-version.txt'));
  assert.equal(d.version, '580.159.04');
  assert.equal(d.open, true);
  assert.equal(parseDriverVersionFile('NVRM version: NVIDIA UNIX x86_64 Kernel Module  470.82.01  Fri Oct 22 2021\n').version, '470.82.01');
});

test('device listing: absolute names and the nvidia-caps directory section', () => {
  const nodes = parseDevListing(real('dev-nvidia.txt'));
  assert.deepEqual(
    nodes.map((n) => [n.path, n.mode.toString(8)]),
    [
      ['/dev/nvidia0', '666'],
      ['/dev/nvidiactl', '666'],
      ['/dev/nvidia-uvm', '666'],
      ['/dev/nvidia-uvm-tools', '666'],
      ['/dev/nvidia-caps/nvidia-cap1', '400'],
      ['/dev/nvidia-caps/nvidia-cap2', '444'],
    ],
  );
});

test('process owners from cgroups: pod, container, Slurm job, session, unknown, site prefix', () => {
  const own = (cg: string, extra: string[] = []) => ownerOf(parseProc(1, { cgroup: cg }), extra)!;
  assert.equal(own('0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7f3c2a1e_4b5d_4c1a_9e2f_0a1b2c3d4e5f.slice/cri-containerd-abc.scope\n').id, 'kubernetes-pod:7f3c2a1e-4b5d-4c1a-9e2f-0a1b2c3d4e5f');
  assert.equal(own('12:devices:/kubepods/besteffort/pod11111111-2222-3333-4444-555555555555/0123456789ab\n0::/\n').kind, 'kubernetes-pod');
  assert.equal(own('0::/system.slice/docker-0123456789abcdef0123.scope\n').kind, 'container');
  assert.equal(own('0::/slurm/uid_1000/job_4242/step_0/task_0\n').id, 'slurm-job:4242');
  assert.equal(own('0::/user.slice/user-1001.slice/session-7.scope\n').kind, 'user-session');
  assert.equal(own('0::/system.slice/ollama.service\n').kind, 'systemd-service');
  assert.equal(own('0::/\n').kind, 'host-root');
  assert.equal(own('0::/process_api/50e3\n').kind, 'unknown');
  assert.equal(own('0::/process_api/50e3\n', ['/process_api/']).kind, 'job');
  const p = parseProc(5, { cmdline: 'a\0b c\0', exe: '/x (deleted)\n', status: 'Name:\tt-rex\nUid:\t1001\t1001\t1001\t1001\nPPid:\t1\n' });
  assert.deepEqual([p.args, p.exe, p.name, p.uid, p.ppid], [['a', 'b c'], '/x (deleted)', 't-rex', 1001, 1]);
});

test('config.toml: commented keys read as the toolkit defaults', () => {
  const d = parseRuntimeConfig(fx('container-runtime/config-default-1.17.8.toml'));
  assert.deepEqual(d.acceptEnvvarUnprivileged, { value: true, explicit: false });
  assert.deepEqual(d.noCgroups, { value: false, explicit: false });
  assert.equal(d.ldconfig.value, '@/sbin/ldconfig');
  assert.equal(d.mode.value, 'auto');
  assert.deepEqual(d.runtimes, ['runc', 'crun']);
  const h = parseRuntimeConfig(fx('container-runtime/config-hardened.toml'));
  assert.deepEqual(h.acceptEnvvarUnprivileged, { value: false, explicit: true });
  assert.equal(h.mode.value, 'cdi');
  assert.throws(() => parseRuntimeConfig('[broken'));
});

test('CDI spec hooks are collected from containerEdits and devices', () => {
  const s = parseCdiSpec('cdi/x.json', JSON.stringify({ cdiVersion: '0.6.0', kind: 'nvidia.com/gpu', devices: [{ name: 'all', containerEdits: { hooks: [{ hookName: 'createContainer', path: '/usr/bin/nvidia-cdi-hook', args: ['nvidia-cdi-hook', 'enable-cuda-compat'] }] } }] }));
  assert.deepEqual(s.hooks.map((h) => [h.where, h.path]), [['devices[all]', '/usr/bin/nvidia-cdi-hook']]);
  assert.ok(parseCdiSpec('cdi/bad.yaml', 'a: [').error);
});
