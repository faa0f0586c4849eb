import { gpuHostParser, type GpuHostModel } from '../../parsers/gpu/host.js';
import { severityForCvss, toolkitVerdict, type ToolkitContext } from '../../advisories/nvidia-bulletins.js';
import { EVIDENCE } from '../../parsers/gpu/evidence.js';
import { REF } from './refs.js';
import type { Rule } from '../../core/types.js';

// The bulletins qualify their ranges ("CDI mode only for versions prior to 1.17.5", "does not impact
// CDI", "not with crun"); the host's config.toml and CDI specs decide which apply. Unknown = applies.
export function toolkitContext(m: GpuHostModel): ToolkitContext {
  const rc = m.runtimeConfig;
  const cdiCollected = !m.missing.some((x) => x.file === EVIDENCE.cdiDir && !x.why);
  if (!rc) return { ...(m.cdiSpecs.length ? { cdiPossible: true } : {}) };
  const mode = rc.mode.value;
  const cdiPossible = ['cdi', 'jit-cdi', 'auto'].includes(mode) || m.cdiSpecs.length > 0 || !cdiCollected ? true : false;
  return { cdiPossible, cdiOnly: mode === 'cdi' || mode === 'jit-cdi', crun: rc.runtimes[0] === 'crun', features: rc.features };
}

const rule: Rule<GpuHostModel> = {
  meta: {
    id: 'gpu/container-toolkit-vulnerable',
    title: 'NVIDIA Container Toolkit / libnvidia-container has published vulnerabilities',
    severity: 'critical',
    description:
      'The NVIDIA Container Toolkit (nvidia-ctk, the runtime hook) or libnvidia-container (nvidia-container-cli) is in a range that NVIDIA bulletins list as vulnerable. ' +
      'These are container escapes: CVE-2024-0132 (TOCTOU, a crafted image gets host filesystem access), CVE-2025-23359 (bypass of that fix), CVE-2025-23266 "NVIDIAScape" (LD_PRELOAD into the enable-cuda-compat hook, running as root on the host) and CVE-2025-23267. ' +
      'Any tenant who can run a container image on the GPU node can take over the node. The finding lists which CVEs apply given the runtime mode (CDI vs legacy), the low-level runtime and feature flags in config.toml.',
    remediation:
      'Upgrade nvidia-container-toolkit and libnvidia-container to at least the fixed version in the finding (with the GPU Operator: upgrade the operator, or set toolkit.version). Until then apply the mitigations NVIDIA names: ' +
      'for CVE-2025-23266 set `[features] disable-cuda-compat-lib-hook = true`; do not opt back in to allow-cuda-compat-libs-from-container; keep ldconfig host-rooted ("@/sbin/ldconfig").',
    references: [REF.b5582, REF.b5599, REF.b5616, REF.b5659, 'https://github.com/NVIDIA/product-security/tree/main/2026/5850', 'https://www.wiz.io/blog/nvidia-ai-vulnerability-cve-2025-23266-nvidiascape', REF.nist190],
    tags: ['gpu', 'container-toolkit', 'cve', 'container-escape'],
  },
  parser: gpuHostParser,
  check(m, ctx) {
    const tctx = toolkitContext(m);
    const subjects: Array<{ file: string; what: string; version?: string }> = [
      { file: EVIDENCE.ctkVersion, what: 'NVIDIA Container Toolkit (nvidia-ctk)', version: m.ctkVersion },
      { file: EVIDENCE.cliVersion, what: 'libnvidia-container (nvidia-container-cli)', version: m.containerCli?.cliVersion ?? m.containerCli?.libVersion },
    ];
    for (const s of subjects) {
      if (!s.version) continue;
      const all = toolkitVerdict(s.version, tctx);
      if (!all.length) continue;
      const active = all.filter((c) => !c.notApplicable && !c.mitigated);
      const maxCvss = active.reduce((x, c) => Math.max(x, c.cvss), 0);
      const fixed = all.reduce<string | undefined>((x, c) => (c.fixed && (!x || c.fixed.localeCompare(x, undefined, { numeric: true }) > 0) ? c.fixed : x), undefined);
      const described = all.map((c) => `${c.cve} (${c.cvss}${c.notApplicable ? `, not applicable: ${c.notApplicable}` : c.mitigated ? `, mitigated: ${c.mitigated}` : ''})`).join('; ');
      ctx.report({
        message: `${s.what} ${s.version} is affected by ${active.length} of ${all.length} CVEs in NVIDIA bulletins: ${described}. ${fixed ? `Upgrade to ${fixed} or later` : 'Upgrade to a release newer than every affected range'}`,
        location: { innerPath: s.file },
        evidence: `${s.what} ${s.version}`,
        key: `${s.file}:${s.version}`,
        severity: active.length ? severityForCvss(maxCvss) : 'low',
        properties: {
          version: s.version,
          fixed,
          cves: active.map((c) => c.cve),
          notApplicable: all.filter((c) => c.notApplicable).map((c) => ({ cve: c.cve, why: c.notApplicable })),
          mitigated: all.filter((c) => c.mitigated).map((c) => ({ cve: c.cve, why: c.mitigated })),
          bulletins: [...new Set(all.map((c) => c.url))],
          runtime: tctx,
        },
      });
    }
  },
};
export default rule;
