import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { driverVerdict } from '../../advisories/nvidia-bulletins.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// "Not below any listed fix" is not "safe": a branch that newer bulletins stop listing gets no fixes
// for their CVEs. One skipped bulletin can also mean "not affected", hence medium; two or more is EOL.
const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/driver-branch-unsupported',
    title: 'NVIDIA driver branch no longer receives security fixes',
    severity: 'high',
    description:
      'The driver branch is not listed in the newest NVIDIA GPU display driver security bulletins. Either it reached end of life (R470, R550) or it was a short-lived feature branch (R590) that was superseded: ' +
      'vulnerabilities published since then are not fixed on it, even if its version is not below any listed fix.',
    remediation: 'Move to a supported production branch that the newest bulletin lists (the finding names them), at or above its fixed version.',
    references: [REF.productSecurity, 'https://docs.nvidia.com/datacenter/tesla/drivers/index.html', REF.nist190],
    tags: ['gpu', 'driver', 'end-of-life'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    if (!m.driverVersion) return;
    const v = driverVerdict(m.driverVersion, m.smi?.gpus[0]?.brand);
    if (!v.branch || v.bulletinsSinceLastListed === 0) return;
    const supported = Object.entries(v.newest.branches).map(([b, e]) => `${b} >= ${e.fixed}`).join(', ');
    const base = { location: { innerPath: m.driverVersionSource }, evidence: `driver_version ${v.version}`, key: `branch:${v.branch}` };
    const props = { branch: v.branch, lastBulletin: v.lastListed?.bulletin, newestBulletin: v.newest.bulletin, supported: Object.keys(v.newest.branches) };
    if (v.newerThanData) {
      ctx.report({ ...base, severity: 'info', message: `${v.branch} is newer than every branch in the bulletin data (newest bulletin ${v.newest.bulletin}, ${v.newest.date}): update data/gpu/nvidia-bulletins.json to check it`, properties: props });
      return;
    }
    if (!v.lastListed) {
      ctx.report({ ...base, message: `${v.branch} is not listed in any NVIDIA driver bulletin in the data (2022 onwards): end of life. Supported now: ${supported}`, properties: props });
      return;
    }
    const single = v.bulletinsSinceLastListed === 1;
    ctx.report({
      ...base,
      severity: single ? 'medium' : 'high',
      message:
        `${v.branch} was last listed in bulletin ${v.lastListed.bulletin} (${v.lastListed.date}); the ${v.bulletinsSinceLastListed} newer bulletin(s) up to ${v.newest.bulletin} (${v.newest.date}) do not list it` +
        (single ? ' (end of life, or not affected by that bulletin)' : ': no security fixes since') +
        `. Supported now: ${supported}`,
      properties: props,
    });
  },
};
export default rule;
