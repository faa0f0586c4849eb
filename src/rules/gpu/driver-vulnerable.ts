import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { driverVerdict, severityForCvss } from '../../advisories/nvidia-bulletins.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// Branch-aware: 535.54.03 is compared with the R535 fixes only, each bulletin on its own, so a host
// learns every bulletin it is behind on and the one version that clears them all.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/driver-vulnerable',
    title: 'NVIDIA GPU driver has published security vulnerabilities',
    severity: 'high',
    description:
      'The loaded NVIDIA display driver is older than the fixed version that NVIDIA security bulletins give for its branch (R535, R570, R580, ...). ' +
      'Driver CVEs are mostly local privilege escalation, code execution and denial of service from any process that can open /dev/nvidia*: on a shared GPU node that includes every container given a GPU.',
    remediation:
      'Upgrade the driver to at least the minimum safe version of its branch shown in the finding (or move to a newer production branch), then reboot or reload the kernel modules. With the GPU Operator, set driver.version in the ClusterPolicy.',
    references: [REF.productSecurity, REF.driverBulletinsPage, REF.nist190],
    tags: ['gpu', 'driver', 'cve', 'vulnerability'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    if (!m.driverVersion) return;
    const brand = m.smi?.gpus[0]?.brand;
    const v = driverVerdict(m.driverVersion, brand);
    if (!v.hits.length) return;
    const newest = v.hits[v.hits.length - 1];
    const partial = v.hits.some((h) => h.bulletin.partial) ? ' (CVE list of a bulletin is partial in the data)' : '';
    const vgpu = m.smi?.gpus.some((g) => g.virtualizationMode === 'VGPU' || g.virtualizationMode === 'Host VGPU');
    ctx.report({
      message:
        `driver ${v.version} (${v.branch}) is below the ${v.branch} fix of ${v.hits.length} bulletin(s), newest ${newest.bulletin.bulletin} (${newest.bulletin.date}, fixed ${newest.fixed}); ` +
        `${v.cves.length} CVEs, max CVSS ${v.maxCvss}${partial}; minimum safe ${v.branch} version: ${v.minimumSafe}` +
        (vgpu ? '. This GPU runs in vGPU mode: the vGPU guest/manager rows of the bulletins apply, check them too' : ''),
      location: { innerPath: m.driverVersionSource },
      evidence: `driver_version ${v.version}`,
      key: `driver:${v.version}`,
      severity: severityForCvss(v.maxCvss) === 'critical' ? 'critical' : severityForCvss(v.maxCvss) === 'high' ? 'high' : 'medium',
      properties: {
        driverVersion: v.version,
        branch: v.branch,
        minimumSafe: v.minimumSafe,
        bulletins: v.hits.map((h) => ({ bulletin: h.bulletin.bulletin, date: h.bulletin.date, fixed: h.fixed, url: h.bulletin.url })),
        cves: v.cves.map((c) => c.cve),
        maxCvss: v.maxCvss,
      },
    });
  },
};
export default rule;
